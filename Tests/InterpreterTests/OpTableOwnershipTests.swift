@testable import Interpreter
import Ops
import Testing

/// Each op is bound in one place: an entry with an implementation is called through the
/// table, and no hand binding in the interpreter claims the same name.
@Suite("Op table ownership")
struct OpTableOwnershipTests {
    /// Ops moved from hand bindings into the table; each must keep its implementation there.
    static let movedOps = ["torch.cat", "torch.concat", "torch.concatenate", "torch.stack", "torch.meshgrid",
                           "torch.split", "Tensor.split", "torch.chunk", "Tensor.chunk", "torch.unbind", "Tensor.unbind",
                           "torch.tensor_split", "Tensor.tensor_split", "torch.hstack", "torch.vstack", "torch.row_stack", "torch.dstack",
                           "torch.column_stack", "Tensor.view", "Tensor.t_", "Tensor.transpose_", "Tensor.squeeze_", "Tensor.unsqueeze_"]

    @Test("the moved ops have their implementation in the table")
    func movedOpsAreImplemented() {
        for name in Self.movedOps {
            let entry = OpTable.byQualifiedName[name]
            #expect(entry?.implementation != nil, "\(name) has no implementation in the op table")
        }
    }

    @Test("no torch function the table implements is also bound by hand")
    func torchFunctionsHaveOneBinding() {
        let handBound = Interpreter().handBoundFunctionNames
        for entry in OpTable.all where entry.implementation != nil {
            for name in entry.qualifiedNames where name.hasPrefix("torch.") && name.split(separator: ".").count == 2 {
                #expect(!handBound.contains(String(name.dropFirst("torch.".count))), "\(name) is bound by hand and in the table")
            }
        }
        #expect(!handBound.isEmpty)
    }

    @Test("no tensor method the table implements is also bound by hand")
    func tensorMethodsHaveOneBinding() {
        let handBound = handBoundMethods()
        for entry in OpTable.all where entry.implementation != nil {
            for name in entry.qualifiedNames where name.hasPrefix("Tensor.") {
                #expect(handBound[String(name.dropFirst("Tensor.".count))] == nil, "\(name) is bound by hand and in the table")
            }
        }
        #expect(!handBound.isEmpty)
    }
}
