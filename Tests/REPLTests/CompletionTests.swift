import Testing
@testable import REPL

struct CompletionTests {
    @Test("members of torch, F, nn and math")
    func moduleMembers() {
        let (session, _) = makeSession()
        #expect(session.complete("F.log_softm") == Completion(fragment: "log_softm", candidates: ["log_softmax"]))
        #expect(session.complete("torch.aran").candidates == ["arange"])
        #expect(session.complete("nn.Line").candidates == ["Linear"])
        #expect(session.complete("math.sq").candidates == ["sqrt"])
        #expect(session.complete("y = torch.nn.functional.rel").candidates.contains("relu"))
    }

    @Test("tensor methods after a tensor variable and a dot")
    func tensorMethods() {
        let (session, _) = makeSession()
        _ = session.feed("x = torch.ones(2)")
        _ = session.feed("n = 3")
        #expect(session.complete("x.unsq").candidates == ["unsqueeze", "unsqueeze_"])
        #expect(session.complete("x.sha").candidates == ["shape", "share_memory_"])
        #expect(session.complete("n.sha").candidates.isEmpty)
        #expect(session.complete("x.sum().sha").candidates.isEmpty, "no evaluation to complete after a call")
    }

    @Test("registered children, parameters and module methods after a model and a dot")
    func moduleMembersOfModels() {
        let (session, _) = makeSession()
        // LayerNorm, not Linear: building it draws nothing from the generator the
        // recorded cases replay against, which run at the same time.
        _ = session.feed("net = nn.Sequential(nn.LayerNorm(2))")
        _ = session.feed("net.add_module('fc1', nn.LayerNorm(2))")
        #expect(session.complete("net.fc").candidates == ["fc1"])
        #expect(session.complete("net.fc1.wei").candidates == ["weight"])
        #expect(session.complete("net.named_ch").candidates == ["named_children"])
    }

    @Test("names in scope, builtins and keywords")
    func names() {
        let (session, _) = makeSession()
        _ = session.feed("weights = torch.ones(2)")
        #expect(session.complete("wei").candidates == ["weights"])
        #expect(session.complete("print(wei").candidates == ["weights"])
        #expect(session.complete("pri").candidates == ["print"])
        #expect(session.complete("whi").candidates == ["while"])
        #expect(session.complete("tor").candidates == ["torch"])
    }

    @Test("keyword arguments inside a call")
    func keywordArguments() {
        let (session, _) = makeSession()
        _ = session.feed("x = torch.ones(3)")
        #expect(session.complete("F.softmax(x, d") == Completion(fragment: "d", candidates: ["dim="]))
        #expect(session.complete("F.softmax(x, dim=0, d").candidates == ["dtype="])
        #expect(session.complete("torch.sum(x, keep").candidates == ["keepdim="])
        #expect(session.complete("x.sum(d").candidates == ["dim="])
        #expect(session.complete("torch.zeros(2, dt").candidates == ["dtype="])
    }

    @Test("commands after a colon, and doc names after :help")
    func commands() {
        let (session, _) = makeSession()
        #expect(session.complete(":he").candidates == ["help"])
        #expect(session.complete(":l").candidates == ["lesson", "load"])
        #expect(session.complete(":help log_so").candidates == ["log_softmax"])
    }

    @Test("several matches share their common prefix")
    func commonPrefix() {
        let (session, _) = makeSession()
        let completion = session.complete("torch.arc")
        #expect(completion.candidates.count > 1)
        #expect(completion.candidates.allSatisfy { $0.hasPrefix("arc") })
    }

    @Test("Tab at the start of a line indents; inside a string it offers nothing")
    func indentationAndStrings() {
        let (session, _) = makeSession()
        #expect(session.complete("") == Completion(fragment: "", candidates: ["    "]))
        #expect(session.complete("    ") == Completion(fragment: "", candidates: ["    "]))
        #expect(session.complete("s = 'tor").candidates.isEmpty)
    }
}
