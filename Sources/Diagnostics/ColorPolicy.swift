#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When output may carry ANSI colour. Every command and the REPL ask here, so a learner
/// who sets `NO_COLOR` or pipes the output gets plain text from all of them alike.
public enum ColorPolicy {
    /// True when `descriptor` is a terminal and `NO_COLOR` is not set. Any value of
    /// `NO_COLOR`, the empty string included, turns colour off: someone who set it at
    /// all asked for none.
    public static func allowsColor(onDescriptor descriptor: Int32) -> Bool {
        isatty(descriptor) != 0 && getenv("NO_COLOR") == nil
    }

    /// Standard output: the REPL, lessons and explanations print there.
    public static var standardOutput: Bool { allowsColor(onDescriptor: STDOUT_FILENO) }
    /// Standard error: a program's errors are written there.
    public static var standardError: Bool { allowsColor(onDescriptor: STDERR_FILENO) }
}
