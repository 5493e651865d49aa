import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What this process uses: resident memory now and at its peak, and CPU time: the figures Node's
/// `process.memoryUsage()` gives in the guide, read from the operating system.
public struct ProcessResources: Sendable, Hashable {
    /// Resident memory now.
    public var residentBytes: Int64
    /// The most resident memory the process has had.
    public var peakResidentBytes: Int64
    /// User plus system CPU time so far.
    public var cpuTime: Duration

    /// The current figures.
    public static func current() -> ProcessResources {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let cpu = Duration.seconds(Int64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec))
            + .microseconds(Int64(usage.ru_utime.tv_usec) + Int64(usage.ru_stime.tv_usec))
        #if os(Linux)
        // ru_maxrss is in KiB on Linux; the current figure comes from /proc (statm counts pages).
        let peak = Int64(usage.ru_maxrss) * 1024
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int64($0) } ?? 0
        let resident = pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
        #else
        // ru_maxrss is in bytes on Darwin.
        let peak = Int64(usage.ru_maxrss)
        var info = mach_task_basic_info()
        var count = mach_msg_type_number_t(MemoryLayout<mach_task_basic_info>.size / MemoryLayout<natural_t>.size)
        let status = withUnsafeMutablePointer(to: &info) {
            $0.withMemoryRebound(to: integer_t.self, capacity: Int(count)) {
                task_info(mach_task_self_, task_flavor_t(MACH_TASK_BASIC_INFO), $0, &count)
            }
        }
        let resident = status == KERN_SUCCESS ? Int64(info.resident_size) : 0
        #endif
        return ProcessResources(residentBytes: resident, peakResidentBytes: max(peak, resident), cpuTime: cpu)
    }
}

/// Samples ``ProcessResources`` on a timer while work runs, keeping the highest resident figure seen.
public final class ResourceSampler: Sendable {
    private let task: Task<(samples: Int, peak: Int64), Never>

    /// Starts sampling every `interval`.
    public init(every interval: Duration) {
        task = Task {
            var samples = 0
            var peak: Int64 = 0
            while !Task.isCancelled {
                peak = max(peak, ProcessResources.current().residentBytes)
                samples += 1
                try? await Task.sleep(for: interval)
            }
            return (samples, peak)
        }
    }

    /// Stops sampling; returns how many samples were taken and the highest resident memory among them.
    public func stop() async -> (samples: Int, peakResidentBytes: Int64) {
        task.cancel()
        let result = await task.value
        return (result.samples, max(result.peak, ProcessResources.current().residentBytes))
    }
}
