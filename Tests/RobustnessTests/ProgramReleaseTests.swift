import Diagnostics
import Interpreter
import TensorEngine
import Testing

/// A finished program gives back its memory: lessons, `:load` and tests run many
/// programs in one process, each under the same `--max-memory`, so what one program's
/// globals held must not stay charged once its runner is gone.
@Suite("memory of finished programs", .serialized)
struct ProgramReleaseTests {
    @Test("globals, functions, classes and modules are freed with their runner", arguments: [
        "import torch\nx = torch.zeros(2**20)",
        // A function's globals are the module's globals, which hold the function.
        "import torch\nx = torch.zeros(2**20)\ndef f():\n    return x\n",
        // A class, its methods and an instance holding a tensor.
        "import torch\nclass A:\n    def m(self):\n        return self.t\na = A()\na.t = torch.ones(2**20)\nb = a.m()\n",
        "import torch\nrows = [[i] for i in range(10**4)]\nt = torch.ones(2**20)\n",
        "import torch\nimport torch.nn as nn\nm = nn.Linear(1024, 1024)\ny = m(torch.ones(4, 1024)).sum()\ny.backward()\n",
        "import torch\nd = {}\nd['t'] = torch.ones(2**20)\ng = (i for i in range(3))\nlam = lambda: d\n",
        // A program that fails part way leaves its globals behind too.
        "import torch\nt = torch.ones(2**20)\nraise ValueError('stop')\n",
    ])
    func releasesGlobals(_ program: String) {
        let before = MemoryBudget.liveBytes
        var errors: [String] = []
        do {
            let runner = ProgramRunner { event in
                if case let .error(error) = event { errors.append(error.type) }
            }
            runner.run(SourceFile(name: "<program>", text: program))
            #expect(MemoryBudget.liveBytes - before >= 4 << 20, "the program should hold its tensor while its runner lives")
        }
        #expect(errors.allSatisfy { $0 == "ValueError" }, "\(errors)")
        #expect(MemoryBudget.liveBytes - before < 64 << 10, "\(MemoryBudget.liveBytes - before) bytes still charged")
    }

    @Test("programs run one after another each get the whole budget")
    func repeatedRunsFitTheBudget() {
        let saved = MemoryBudget.limit
        MemoryBudget.limit = MemoryBudget.liveBytes + (48 << 20)
        defer { MemoryBudget.limit = saved }
        var errors: [String] = []
        for run in 0..<5 {
            // 32 MiB each: two at once would pass the 48 MiB left.
            let runner = ProgramRunner { event in
                if case let .error(error) = event { errors.append("run \(run): \(error.type): \(error.message)") }
            }
            runner.run(SourceFile(name: "<run>", text: "import torch\nx = torch.zeros(2**23)\ndef f():\n    return x.sum()\nprint(f())\n"))
        }
        #expect(errors.isEmpty, "\(errors)")
    }
}
