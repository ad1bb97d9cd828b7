import Foundation
import Testing
@testable import REPL

struct ReplSessionTests {
    @Test("an expression's value is echoed with repr; None and assignments are not")
    func echoesValues() {
        let (session, output) = makeSession()
        #expect(session.feed("x = torch.arange(6).view(2, 3)") == .ran(entry: "x = torch.arange(6).view(2, 3)"))
        #expect(output.take().output == "")
        #expect(session.feed("x[:, 1:]") == .ran(entry: "x[:, 1:]"))
        #expect(output.take().output == "tensor([[1, 2],\n        [4, 5]])\n")
        _ = session.feed("None")
        _ = session.feed("print('hi')")
        #expect(output.take().output == "hi\n")
        _ = session.feed("'a\\nb'")
        #expect(output.take().output == "'a\\nb'\n")
    }

    @Test("prompts follow the continuation state")
    func prompts() {
        let (session, _) = makeSession()
        #expect(session.prompt == ">>> ")
        #expect(session.feed("for i in range(2):") == .needsMore)
        #expect(session.prompt == "... ")
        #expect(session.feed("    print(i)") == .needsMore)
        #expect(session.feed("") == .ran(entry: "for i in range(2):\n    print(i)"))
        #expect(session.prompt == ">>> ")
    }

    @Test("a block runs when an empty line ends it, and is one history entry")
    func blocks() {
        let (session, output) = makeSession()
        _ = session.feed("total = 0")
        #expect(session.feed("for i in range(4):") == .needsMore)
        #expect(session.feed("    total += i") == .needsMore)
        #expect(output.take().output == "")
        #expect(session.feed("") == .ran(entry: "for i in range(4):\n    total += i"))
        _ = session.feed("total")
        #expect(output.take().output == "6\n")
    }

    @Test("the parser decides continuation: open brackets and strings wait, errors do not")
    func continuation() {
        let (session, output) = makeSession()
        #expect(session.feed("y = (1 +") == .needsMore)
        #expect(session.feed("  2)") == .ran(entry: "y = (1 +\n  2)"))
        #expect(session.feed("y") == .ran(entry: "y"))
        #expect(output.take().output == "3\n")
        #expect(session.feed("1 + * 2") == .ran(entry: "1 + * 2"))
        #expect(output.take().errors.contains("SyntaxError"))
        #expect(session.prompt == ">>> ")
        #expect(session.feed("def f(a):") == .needsMore)
        #expect(session.feed("    return a * 2") == .needsMore)
        #expect(session.feed("") == .ran(entry: "def f(a):\n    return a * 2"))
        _ = session.feed("f(21)")
        #expect(output.take().output == "42\n")
    }

    @Test("match waits for its cases and an empty line; match as a name runs at once")
    func matchStatements() {
        let (session, output) = makeSession()
        #expect(session.feed("match = 3") == .ran(entry: "match = 3"))
        #expect(session.feed("match match:") == .needsMore)
        #expect(session.feed("    case 3:") == .needsMore)
        #expect(session.feed("        print('three')") == .needsMore)
        #expect(output.take().output == "")
        #expect(session.feed("") == .ran(entry: "match match:\n    case 3:\n        print('three')"))
        #expect(output.take().output == "three\n")
    }

    @Test("a one-line compound statement still waits for the empty line")
    func oneLineCompound() {
        let (session, output) = makeSession()
        #expect(session.feed("for i in range(2): print(i)") == .needsMore)
        #expect(session.feed("") == .ran(entry: "for i in range(2): print(i)"))
        #expect(output.take().output == "0\n1\n")
    }

    @Test("a recalled multi-line entry runs at once when it parses")
    func recalledBlock() {
        let (session, output) = makeSession()
        #expect(session.feed("for i in range(2):\n    print(i)") == .ran(entry: "for i in range(2):\n    print(i)"))
        #expect(output.take().output == "0\n1\n")
    }

    @Test("an error shows the source line, a caret and the message; the session goes on")
    func errorsContinue() {
        let (session, output) = makeSession()
        _ = session.feed("x = torch.ones(2, 3)")
        _ = session.feed("x[:, 3]")
        let errors = output.take().errors
        #expect(errors.contains("IndexError"))
        #expect(errors.contains("index 3 is out of bounds for dimension 1 with size 3"))
        #expect(errors.contains(" 1 | x[:, 3]"))
        #expect(errors.contains("^^^^^^^"))
        #expect(!errors.contains("\u{1B}["))
        _ = session.feed("x.shape")
        #expect(output.take().output == "torch.Size([2, 3])\n")
    }

    @Test("cancelling input drops the pending block")
    func cancel() {
        let (session, _) = makeSession()
        #expect(session.feed("if True:") == .needsMore)
        session.cancelInput()
        #expect(session.prompt == ">>> ")
    }

    @Test("exit(), quit() and :quit end the session")
    func quitting() {
        let (session, _) = makeSession()
        #expect(session.feed("exit()") == .quit)
        #expect(session.feed(":quit") == .quit)
        #expect(session.feed(":q") == .quit)
        #expect(session.feed("quit()") == .quit)
    }

    @Test("the banner names the version and :help")
    func banner() {
        let (session, _) = makeSession()
        #expect(session.banner.contains("test"))
        #expect(session.banner.contains(":help"))
    }
}
