/// The figures of one call, recorded once when it ends: duration, outcome, retries and bytes each way.
struct CallMeter {
    let operation: String
    private let started = ContinuousClock.now
    private let statistics: StatisticsRecorder
    /// The request body's length, counted once per exchange.
    private let bytesPerExchange: Int
    /// Exchanges made (a replay or a resend counts, a redirect does not).
    var exchanges = 0
    /// Retries after a failure.
    var retries = 0
    /// The answer the call ended on, when it ended on one.
    var response: HTTPResponse?

    init(operation: String, bytesPerExchange: Int, statistics: StatisticsRecorder) {
        self.operation = operation
        self.bytesPerExchange = bytesPerExchange
        self.statistics = statistics
    }

    /// The body bytes received: those held, or else the announced length (a download's body went to a file).
    var bytesReceived: Int {
        guard let response else { return 0 }
        return response.body.isEmpty ? Int(response.headers["Content-Length"] ?? "") ?? 0 : response.body.count
    }

    /// Records the call; `error` is why it failed. A call the caller cancelled did not fail: it is counted, but not as an error.
    func finish(_ error: (any Error)?) {
        let failed = error.map { ($0 as? IconectError)?.code != .cancelled } ?? false
        statistics.record(operation: operation, duration: ContinuousClock.now - started, failed: failed, retries: retries,
                          bytesSent: bytesPerExchange * exchanges, bytesReceived: bytesReceived)
    }
}
