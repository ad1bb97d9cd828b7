import Testing
@testable import Ops

struct OpSignatureTests {
    @Test("a typed signature parses into names, types, defaults and kinds")
    func parsesTypedSignature() {
        let signature = OpSignature("Tensor input, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None")
        #expect(signature.parameters.map(\.name) == ["input", "dim", "keepdim", "dtype"])
        #expect(signature.parameters.map(\.type) == [.tensor, .dims, .bool, .dtype])
        #expect(signature.parameters.map(\.defaultText) == [nil, "None", "False", "None"])
        #expect(signature.parameters.map(\.kind) == [.positional, .positional, .positional, .keywordOnly])
        #expect(signature.positionalNames == ["input", "dim", "keepdim"])
        #expect(signature.pythonText == "input, dim=None, keepdim=False, *, dtype=None")
    }

    @Test("a variadic parameter is shown as *name and keeps its element type")
    func variadic() {
        let signature = OpSignature("Tensor input, int... shape")
        #expect(signature.parameters[1].kind == .variadic)
        #expect(signature.parameters[1].type == .ints)
        #expect(signature.droppingReceiver.pythonText == "*shape")
        #expect(OpSignature("Tensor... operands, str equation").parameters[0].type == .tensors)
    }

    @Test("a method's signature drops its receiver; a function's keeps it")
    func methodSignature() throws {
        let entry = try #require(OpTable.byQualifiedName["Tensor.sum"])
        #expect(entry.signature(as: "Tensor.sum").positionalNames == ["dim", "keepdim"])
        #expect(entry.signature(as: "torch.sum").positionalNames == ["input", "dim", "keepdim"])
    }

    @Test("every name of the table leads to one entry, and bare names find torch first")
    func lookup() throws {
        #expect(OpTable.lookup("F.softmax")?.name == "softmax")
        #expect(OpTable.lookup("concat")?.name == "cat")
        #expect(OpTable.lookup("torch.nn.functional.cross_entropy")?.family == .loss)
        #expect(OpTable.lookup("no_such_op") == nil)
        var seen: Set<String> = []
        for entry in OpTable.all {
            for name in entry.qualifiedNames {
                #expect(!seen.contains(name), "\(name) is declared twice")
                seen.insert(name)
            }
        }
    }

    @Test("the defaults PyTorch documents are declared once, in the table")
    func lossDefaults() throws {
        let crossEntropy = try #require(OpTable.lookup("F.cross_entropy"))
        #expect(crossEntropy.signature.parameter(named: "ignore_index")?.defaultText == "-100")
        #expect(crossEntropy.signature.parameter(named: "reduction")?.defaultText == "'mean'")
        #expect(OpTable.lookup("F.kl_div")?.signature.parameter(named: "log_target")?.defaultText == "False")
    }
}
