import Foundation
import Testing

/// Runs the built `tensortutor` binary the way users and tools do.
struct CommandLineTests {
    @Test("-e runs code and echoes the last expression with PyTorch's repr")
    func evaluatesCode() throws {
        let result = try runTool(["-e", "import torch\ntorch.arange(6).view(2, 3)[:, 1:]"])
        #expect(result.status == 0)
        #expect(result.stdout == "tensor([[1, 2],\n        [4, 5]])\n")
        #expect(result.stderr.isEmpty)
    }

    @Test("piped stdin with no subcommand runs as a program")
    func runsPipedStandardInput() throws {
        let result = try runTool([], input: "torch.arange(6).view(2, 3)[:, 1:]\nx = 5\nprint('x is', x)\nNone\n")
        #expect(result.status == 0)
        #expect(result.stdout == "tensor([[1, 2],\n        [4, 5]])\nx is 5\n")
    }

    @Test("run - reads the program from standard input")
    func runReadsStandardInput() throws {
        let result = try runTool(["run", "-"], input: "(torch.ones(2) * 2.5).sum()\nprint((torch.ones(2) * 2.5).sum())")
        #expect(result.status == 0)
        #expect(result.stdout == "tensor(5.)\n")
    }

    @Test("run FILE runs a file")
    func runsFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tensortutor-e2e-\(UUID().uuidString).py").path
        try "import torch\nx = torch.tensor([1.5, 2.5])\nx.mean()\nprint(x.mean())\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try runTool(["run", path])
        #expect(result.status == 0)
        #expect(result.stdout == "tensor(2.)\n")
    }

    @Test("sys.exit ends a script as Python does: a status silently, a message on stderr")
    func systemExitSetsTheStatus() throws {
        let status = try runTool(["-e", "import sys\nprint('before', file=sys.stderr)\nprint(sys.argv)\nsys.exit(3)\nprint('never')"])
        #expect(status.status == 3)
        #expect(status.stdout == "['-c']\n")
        #expect(status.stderr == "before\n")
        let message = try runTool(["-e", "import sys\nsys.exit('bad config')"])
        #expect(message.status == 1)
        #expect(message.stderr == "bad config\n")
        let help = try runTool(["-e", "import argparse\nargparse.ArgumentParser(prog='train').parse_args(['--help'])"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("usage: train [-h]"))
        #expect(!help.stderr.contains("SystemExit"))
    }

    @Test("an exception exits 1 with the source line and a caret on stderr")
    func reportsErrors() throws {
        let result = try runTool(["-e", "x = torch.ones(2, 3)\ny = x[:, 3]\nprint('never')"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("IndexError"))
        #expect(result.stderr.contains("index 3 is out of bounds for dimension 1 with size 3"))
        #expect(result.stderr.contains(" 2 | y = x[:, 3]"))
        #expect(result.stderr.contains("^^^^^^^"))
        #expect(!result.stderr.contains("\u{1B}["), "no colors when stderr is not a terminal")
    }

    @Test("a syntax error exits 1 and names the position")
    func reportsSyntaxErrors() throws {
        let result = try runTool(["-e", "1 +"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("SyntaxError"))
    }

    @Test("usage errors exit 2")
    func usageErrorsExitTwo() throws {
        let result = try runTool(["run"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Missing expected argument"))
    }

    @Test("--version and --help")
    func versionAndHelp() throws {
        let version = try runTool(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("0."))
        let help = try runTool(["run", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--json"))
    }

    @Test("--json writes one record per event, in program order")
    func jsonRecords() throws {
        let program = """
            import torch
            import torch.nn.functional as F
            x = torch.tensor([[1.0, float('nan')], [3.0, 4.0]])
            print("hi")
            x.shape
            F.softmax(torch.ones(2, 2))
            None
            x[5]
            """
        let result = try runTool(["run", "--json", "-"], input: program)
        #expect(result.status == 1)
        let records = result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        // print(...) is itself an expression statement, so its None is a value record too.
        #expect(records.map { $0["kind"] as? String } == ["print", "value", "value", "warning", "value", "value", "error"])
        guard records.count == 7 else { return }
        #expect(records[0]["text"] as? String == "hi\n")
        #expect(records[1]["type"] as? String == "none")
        #expect(records[2]["type"] as? String == "size")
        #expect((records[2]["value"] as? [Int]) == [2, 2])
        #expect(records[2]["line"] as? Int == 5)
        #expect((records[3]["message"] as? String)?.hasPrefix("Implicit dimension choice for softmax") == true)
        #expect(records[4]["type"] as? String == "tensor")
        #expect(records[4]["dtype"] as? String == "float32")
        #expect((records[4]["values"] as? [Double]) == [0.5, 0.5, 0.5, 0.5])
        #expect(records[5]["type"] as? String == "none")
        #expect(records[6]["type"] as? String == "IndexError")
        #expect(records[6]["line"] as? Int == 8)
        #expect(records[6]["col"] as? Int == 1)
    }

    @Test("timeit --threads sets the count torch.get_num_threads() reports, 1 by default")
    func timeitThreads() throws {
        let chosen = try runTool(["timeit", "--threads", "3", "--repeat", "1", "--setup", "print(torch.get_num_threads())", "1"])
        #expect(chosen.status == 0)
        #expect(chosen.stdout.hasPrefix("3\n"), "\(chosen.stdout)")
        let standard = try runTool(["timeit", "--repeat", "1", "--setup", "print(torch.get_num_threads())", "1"])
        #expect(standard.stdout.hasPrefix("1\n"), "\(standard.stdout)")
        #expect(try runTool(["timeit", "--threads", "0", "1"]).status == 2)
    }

    @Test("lesson --help lists no --json, and --json is refused")
    func lessonHasNoJSON() throws {
        let help = try runTool(["lesson", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--timeout"))
        #expect(!help.stdout.contains("--json"), "\(help.stdout)")
        let refused = try runTool(["lesson", "--json"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--json does not apply to lessons"), "\(refused.stderr)")
    }

    @Test("non-finite floats are JSON strings")
    func jsonNonFinite() throws {
        let result = try runTool(["run", "--json", "-"], input: "torch.tensor([float('nan'), float('inf'), -float('inf'), 0.1])")
        #expect(result.stdout.contains("\"values\": [\"nan\", \"inf\", \"-inf\", 0.1]"))
    }
}

struct ToolResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the `tensortutor` binary built next to the test bundle with `input` on
/// standard input (the raw-bytes runner in HostileInputTests.swift does the work).
func runTool(_ arguments: [String], input: String = "") throws -> ToolResult {
    try runHostile(arguments, input: Array(input.utf8))
}
