import ArgumentParser
import Foundation

/// `tensortutor`: with no subcommand, a REPL on a terminal, or runs piped stdin.
@main
struct TensorTutor: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "tensortutor",
        abstract: "Run and understand PyTorch tensor code, with PyTorch's exact numbers.",
        discussion: """
            With no subcommand, starts an interactive session on a terminal, or runs the \
            program piped to standard input. Every top-level expression's value is echoed \
            as Python's interactive mode would.
            """,
        version: version,
        subcommands: [RunCommand.self, ExplainCommand.self, LessonCommand.self, TimeitCommand.self]
    )

    /// Usage errors exit with status 2, as the command-line contract promises
    /// (ArgumentParser's own default is 64).
    static func main() {
        StandardStreams.ignoreBrokenPipeSignal()
        // `echo CODE | tensortutor`, the commonest scripted use, needs no option parsing;
        // skipping the parser (which builds its argument tables through runtime
        // reflection) takes a few milliseconds off every such start.
        if CommandLine.arguments.count == 1 && isatty(STDIN_FILENO) == 0 {
            let limits = ProgramLimits()
            let bytes = readStandardInputBytes(limit: limits.maxSourceBytes)
            Foundation.exit(runProgram(bytes: bytes, name: "<stdin>", json: false,
                                       timeout: TimeoutOption.defaultTimeout, limits: limits))
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if exitCode(for: error) == .validationFailure {
                StandardStreams.writeError(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    @Option(name: .customShort("e"), help: "Run CODE as a program and exit.")
    var code: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var limits: LimitOptions

    func run() throws {
        if let code {
            throw ExitCode(runProgram(bytes: Array(code.utf8), name: "<string>", options: output, limits: limits))
        }
        if isatty(STDIN_FILENO) == 0 {
            let bytes = readStandardInputBytes(limit: limits.maxSourceBytes)
            throw ExitCode(runProgram(bytes: bytes, name: "<stdin>", options: output, limits: limits))
        }
        limits.apply()
        throw ExitCode(Repl(options: output).run())
    }
}

/// `tensortutor run FILE|-`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a program from a file, or from standard input with '-'.",
        discussion: "The program runs as `python FILE` runs it: print() writes, and the values of bare expressions are not echoed (use -e or a pipe for the interactive echo). With --json, every top-level expression still gives a value record."
    )

    @Argument(help: "The program to run, or '-' for standard input.")
    var file: String

    @OptionGroup var output: OutputOptions
    @OptionGroup var limits: LimitOptions

    func run() throws {
        let bytes: [UInt8]
        if file == "-" {
            bytes = readStandardInputBytes(limit: limits.maxSourceBytes)
        } else {
            bytes = try readFileBytes(file, limit: limits.maxSourceBytes)
        }
        throw ExitCode(runProgram(bytes: bytes, name: file == "-" ? "<stdin>" : file, options: output, limits: limits, echoesValues: false))
    }
}

/// Options shared by every command that runs code and writes its records.
struct OutputOptions: ParsableArguments {
    @OptionGroup var format: JSONOption
    @OptionGroup var time: TimeoutOption

    var json: Bool { format.json }

    /// The run's time limit in seconds, nil for none.
    var effectiveTimeout: Double? { time.effectiveTimeout }
}

/// `--json`. The root command accepts it before any subcommand name and after it, so
/// `lesson`, which has no JSON form, takes it hidden, only to refuse it.
struct JSONOption: ParsableArguments {
    @Flag(name: .long, help: "Write JSON Lines records (value, print, warning, error) instead of text.")
    var json = false
}

/// `--timeout`, alone for `lesson`, whose output has no JSON form to offer.
struct TimeoutOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Stop a program that runs longer than SECONDS (exit status 1). Programs that are not interactive stop after \(Int(TimeoutOption.defaultTimeout)) s unless told otherwise; 0 means no limit.",
        valueName: "seconds"))
    var timeout: Double?

    /// Lessons and pasted snippets finish in well under a second; a program still running
    /// after this long is almost surely stuck (`while True: pass`).
    static let defaultTimeout: Double = 10

    func validate() throws {
        if let timeout, !(timeout >= 0) { throw ValidationError("--timeout must be a positive number of seconds, or 0 for no limit") }
    }

    /// The run's time limit in seconds, nil for none.
    var effectiveTimeout: Double? {
        let seconds = timeout ?? TimeoutOption.defaultTimeout
        // Beyond a year is no limit (and would overflow the timer's nanoseconds).
        return seconds > 0 && seconds < 3e7 ? seconds : nil
    }
}


