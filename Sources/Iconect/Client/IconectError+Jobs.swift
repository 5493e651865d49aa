import Foundation

extension IconectError.Code {
    /// A job the SDK waited for ended `failed`; see ``IconectError/job``.
    public static let jobFailed = IconectError.Code("jobFailed")
    /// A job the SDK waited for ended `cancelled`; see ``IconectError/job``.
    public static let jobCancelled = IconectError.Code("jobCancelled")
}

extension IconectError {
    /// The job's last snapshot, for ``Code/jobFailed``, ``Code/jobCancelled`` and a ``Code/timeout`` of
    /// ``JobsResource/waitForCompletion(id:timeout:polling:progress:)`` (it travels in ``details``).
    public var job: Job? {
        guard code == .jobFailed || code == .jobCancelled || code == .timeout, let details else { return nil }
        return try? JSONCoding.decoder.decode(Job.self, from: details)
    }

    /// An error about a job, carrying its snapshot.
    static func jobEnded(_ job: Job, _ code: Code, _ message: String) -> IconectError {
        let details = (try? JSONCoding.encoder.encode(job)).flatMap { try? JSONValue(parsing: $0) }
        return IconectError(code, message, serverCode: job.error?.code, operation: Route.getJob.operation, details: details)
    }
}
