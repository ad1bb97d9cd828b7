import Glibc

/// `time`: clocks and an interruptible `sleep`.
extension Interpreter {
    func makeTimeMembers() -> [String: Value] {
        func clock(_ id: clockid_t) -> Double {
            var now = timespec()
            clock_gettime(id, &now)
            return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        }
        return [
            "time": stdlibFunction("time") { _, _ in .float(clock(CLOCK_REALTIME)) },
            "time_ns": stdlibFunction("time_ns") { _, _ in .int(Int64(clock(CLOCK_REALTIME) * 1e9)) },
            "perf_counter": stdlibFunction("perf_counter") { _, _ in .float(clock(CLOCK_MONOTONIC)) },
            "monotonic": stdlibFunction("monotonic") { _, _ in .float(clock(CLOCK_MONOTONIC)) },
            "process_time": stdlibFunction("process_time") { _, _ in .float(clock(CLOCK_PROCESS_CPUTIME_ID)) },
            "sleep": stdlibFunction("sleep") { interpreter, arguments in
                let seconds = try arguments.bind("sleep", ["secs"]).double("secs")
                guard seconds >= 0 else { throw PythonError.valueError("sleep length must be non-negative") }
                try interpreter.sleep(seconds)
                return .none
            },
            "strftime": stdlibFunction("strftime") { interpreter, arguments in
                let bound = try arguments.bind("strftime", ["format", "t"])
                guard !bound.has("t") else { throw PythonError.typeError("time.strftime formats the current time only; time tuples are not supported") }
                let format = try bound.string("format", default: "")
                return .string(interpreter.localTime(time(nil), format))
            },
        ]
    }

    /// Sleeps in short slices, so Ctrl-C and the `--timeout` watchdog still stop the program.
    private func sleep(_ seconds: Double) throws {
        var remaining = seconds
        while remaining > 0 {
            try checkInterrupt()
            let slice = min(remaining, 0.02)
            usleep(useconds_t(slice * 1e6))
            remaining -= slice
        }
        try checkInterrupt()
    }
}
