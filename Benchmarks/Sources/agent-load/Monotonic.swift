#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CLOCK_MONOTONIC and the process's CPU time, in seconds.
enum Monotonic {
    static func now() -> Double {
        read(CLOCK_MONOTONIC)
    }

    /// User + system CPU of this process (what Python's getrusage(RUSAGE_SELF) sums).
    static func processCPU() -> Double {
        read(CLOCK_PROCESS_CPUTIME_ID)
    }

    private static func read(_ clock: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
