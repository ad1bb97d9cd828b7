/// Whether ops record the graph: off inside `torch.no_grad()` and `inference_mode()`.
public enum GradMode {
    /// This thread's mode.
    public static var isEnabled: Bool { AutogradThreadState.current.gradEnabled }

    public static func set(_ enabled: Bool) { AutogradThreadState.current.gradEnabled = enabled }

    /// Runs `body` with grad mode set to `enabled`, restoring it afterwards.
    public static func with<Result>(_ enabled: Bool, _ body: () throws -> Result) rethrows -> Result {
        let state = AutogradThreadState.current
        let previous = state.gradEnabled
        state.gradEnabled = enabled
        defer { state.gradEnabled = previous }
        return try body()
    }
}
