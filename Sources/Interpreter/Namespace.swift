/// A module-like namespace: `torch`, `torch.nn.functional`, `math`.
public final class Namespace {
    public let name: String
    private var storedMembers: [String: Value]
    /// Builds the members of a module written in Python that few programs use
    /// (`torch.utils.checkpoint`), on first use rather than at every session start.
    private var memberBuilder: (() -> [String: Value])?

    public var members: [String: Value] {
        get {
            buildPendingMembers()
            return storedMembers
        }
        _modify {
            buildPendingMembers()
            yield &storedMembers
        }
    }

    public init(name: String, members: [String: Value] = [:]) {
        self.name = name
        self.storedMembers = members
    }

    init(name: String, buildingMembers builder: @escaping () -> [String: Value]) {
        self.name = name
        self.storedMembers = [:]
        self.memberBuilder = builder
    }

    private func buildPendingMembers() {
        guard let builder = memberBuilder else { return }
        memberBuilder = nil
        storedMembers = builder()
    }
}
