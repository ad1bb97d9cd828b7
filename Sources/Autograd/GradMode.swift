/// Whether ops record the graph: off inside `torch.no_grad()` and `inference_mode()`.
public enum GradMode {
    nonisolated(unsafe) public private(set) static var isEnabled = true

    public static func set(_ enabled: Bool) { isEnabled = enabled }

    /// Runs `body` with grad mode set to `enabled`, restoring it afterwards.
    public static func with<Result>(_ enabled: Bool, _ body: () throws -> Result) rethrows -> Result {
        let previous = isEnabled
        isEnabled = enabled
        defer { isEnabled = previous }
        return try body()
    }
}
