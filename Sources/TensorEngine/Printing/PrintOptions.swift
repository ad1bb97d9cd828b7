/// PyTorch's print options (`torch.set_printoptions`), with its defaults.
public struct PrintOptions: Sendable, Equatable {
    /// Digits after the point in fixed and scientific formats.
    public var precision: Int
    /// Tensors with more elements than this are summarized. `Int.max` stands for `inf`.
    public var threshold: Int
    /// Items kept at each end of every dimension when summarizing.
    public var edgeItems: Int
    /// Characters per line before a vector wraps, and before a suffix moves to its own line.
    public var lineWidth: Int
    /// `true` forces scientific notation, `false` forbids it, `nil` lets the values decide.
    public var sciMode: Bool?

    public init(precision: Int = 4, threshold: Int = 1000, edgeItems: Int = 3, lineWidth: Int = 80, sciMode: Bool? = nil) {
        self.precision = precision
        self.threshold = threshold
        self.edgeItems = edgeItems
        self.lineWidth = lineWidth
        self.sciMode = sciMode
    }

    /// The options `repr` uses, like PyTorch's global `PRINT_OPTS`. The interpreter is
    /// single-threaded, which is why a plain global is acceptable here.
    public nonisolated(unsafe) static var current = PrintOptions()

    /// `torch.set_printoptions(profile=...)`: "default", "short" or "full".
    public init?(profile: String) {
        switch profile {
        case "default": self.init()
        case "short": self.init(precision: 2, edgeItems: 2)
        case "full": self.init(threshold: Int.max)
        default: return nil
        }
    }
}
