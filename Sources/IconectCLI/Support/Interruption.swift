import Dispatch
import Foundation
import Synchronization

/// Ctrl-C handling: the first SIGINT (or SIGTERM) cancels the work, which then stops cleanly (uploads keep their resume
/// state, bulk runs report what was done); a second SIGINT ends the process at once with status 130.
enum Interruption {
    /// Runs `work` in a task that the first SIGINT or SIGTERM cancels (telling the user through `notices`), and returns its
    /// result.
    static func cancellingOnSignal<T: Sendable>(notices: Notices, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await work() }
        let signals = SignalCount()
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if signals.increment() == 1 {
                    notices.post("interrupted: stopping cleanly (press Ctrl-C again to quit at once)")
                    task.cancel()
                } else {
                    exit(130)
                }
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        return try await task.value
    }
}

/// How many signals have arrived, shared with the signal handlers.
private final class SignalCount: Sendable {
    private let count = Atomic<Int>(0)

    /// Counts one more signal and returns the new count.
    func increment() -> Int {
        count.wrappingAdd(1, ordering: .relaxed).newValue
    }
}

/// The exit status of a run that was interrupted, as shells report a SIGINT.
let interruptedExitCode: Int32 = 130
