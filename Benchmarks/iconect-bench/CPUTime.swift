import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// CPU seconds (user + system) spent by this process, by its reaped children, or by another process, so a scenario can
/// say what each side of a transfer cost and not only how long it took. On two shared cores, a loopback transfer is
/// bound by the CPU the client and the server take together, so the client's CPU per byte is what decides who is faster.
enum CPUTime {
    /// This process, all threads.
    static var ofThisProcess: Double { usage(RUSAGE_SELF) }

    /// A running process by its id, from `/proc/<pid>/stat`; nil where there is no `/proc` or no such process.
    static func ofProcess(_ pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.range(of: ") ", options: .backwards)
        else { return nil }
        // Fields after the command name start at field 3 (state); utime and stime are fields 14 and 15.
        let fields = stat[afterName.upperBound...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    private static func usage(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(who.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
