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
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    @Option(name: .customShort("e"), help: "Run CODE as a program and exit.")
    var code: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        if let code {
            throw ExitCode(runProgram(source: code, name: "<string>", options: output))
        }
        if isatty(STDIN_FILENO) == 0 {
            let text = readAllStandardInput()
            throw ExitCode(runProgram(source: text, name: "<stdin>", options: output))
        }
        throw ExitCode(Repl(options: output).run())
    }
}

/// `tensortutor run FILE|-`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a program from a file, or from standard input with '-'."
    )

    @Argument(help: "The program to run, or '-' for standard input.")
    var file: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let text: String
        if file == "-" {
            text = readAllStandardInput()
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read file '\(file)'")
            }
            text = String(decoding: data, as: UTF8.self)
        }
        throw ExitCode(runProgram(source: text, name: file == "-" ? "<stdin>" : file, options: output))
    }
}

/// Options shared by every command that runs code.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Write JSON Lines records (value, print, warning, error) instead of text.")
    var json = false

    @Option(name: .long, help: "Stop a program that runs longer than SECONDS (exit status 1).")
    var timeout: Double?

    func validate() throws {
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
    }
}

func readAllStandardInput() -> String {
    String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
}
