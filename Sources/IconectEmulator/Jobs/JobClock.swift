import Synchronization

/// Drives the job clock: one step at a time, by a driver task that runs while jobs are active (when the configuration
/// gives a step interval), or by ``EmulatorServer/advanceJobs(steps:)``.
final class JobClock: Sendable {
    private let stepLock = Mutex(())
    private let driver = Mutex<Task<Void, Never>?>(nil)

    /// Runs one step; steps never overlap.
    func step(_ body: () -> Bool) -> Bool {
        stepLock.withLock { _ in body() }
    }

    /// Starts the driver unless it runs. `tick` runs one step and answers whether any job is still active; the driver
    /// ends once `isIdle` answers true (asked under the driver's lock, so a job activated meanwhile restarts it).
    func ensureDriver(interval: Duration, tick: @escaping @Sendable () -> Bool, isIdle: @escaping @Sendable () -> Bool) {
        driver.withLock { driver in
            guard driver == nil else { return }
            driver = Task { [self] in
                while !Task.isCancelled {
                    if interval <= .zero {
                        await Task.yield()
                    } else {
                        try? await Task.sleep(for: interval)
                    }
                    if !tick(), finishIfIdle(isIdle) { return }
                }
            }
        }
    }

    private func finishIfIdle(_ isIdle: () -> Bool) -> Bool {
        driver.withLock { driver in
            guard isIdle() else { return false }
            driver = nil
            return true
        }
    }

    /// Stops the driver (server stop).
    func stop() {
        driver.withLock { driver in
            driver?.cancel()
            driver = nil
        }
    }
}
