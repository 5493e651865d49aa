import HTTPTypes
import Tracing

/// The figures of one call, kept as it runs and recorded once when it ends: in the statistics (duration, outcome,
/// retries, bytes each way) and on the call's span, named after the catalogue operation.
///
/// The span comes from `InstrumentationSystem.tracer`: a no-op unless the application bootstraps a tracer (or binds one
/// with `withTracer`). Its attributes: `http.request.method`, `http.response.status_code`, `iconect.retries`,
/// `iconect.request_id` (the server's `X-Request-Id`), `http.request.body.size` and `http.response.body.size`; a failed
/// call records its error and ends with an error status.
struct CallMeter {
    let operation: String
    private let started = ContinuousClock.now
    private let statistics: StatisticsRecorder
    /// The request body's length, counted once per exchange.
    private let bytesPerExchange: Int
    private let tracer: any Tracer
    /// The call's span.
    private let span: any Span
    /// Exchanges made (a replay or a resend counts, a redirect does not).
    var exchanges = 0
    /// Retries after a failure.
    var retries = 0
    /// The answer the call ended on, when it ended on one.
    var answer: HTTPAnswer?

    init(operation: String, method: HTTPRequest.Method, bytesPerExchange: Int, statistics: StatisticsRecorder) {
        self.operation = operation
        self.bytesPerExchange = bytesPerExchange
        self.statistics = statistics
        tracer = InstrumentationSystem.tracer
        span = tracer.startSpan(operation, ofKind: .client)
        if span.isRecording { span.attributes["http.request.method"] = method.rawValue }
    }

    /// Puts the span's context in `fields` (`traceparent` with a W3C tracer), so the server's spans join the trace.
    func inject(into fields: inout HTTPFields) {
        tracer.inject(span.context, into: &fields, using: HTTPFieldsInjector())
    }

    /// The body bytes received: those held, or else the announced length (a download's body went to a file).
    var bytesReceived: Int {
        guard let answer else { return 0 }
        return answer.body.isEmpty ? Int(answer.response.headerFields[.contentLength] ?? "") ?? 0 : answer.body.count
    }

    /// Records the call and ends its span; `error` is why it failed. A call the caller cancelled did not fail: it is
    /// counted, but not as an error (its span still records the cancellation).
    func finish(_ error: (any Error)?) {
        let failed = error.map { ($0 as? IconectError)?.code != .cancelled } ?? false
        statistics.record(operation: operation, duration: ContinuousClock.now - started, failed: failed, retries: retries,
                          bytesSent: bytesPerExchange * exchanges, bytesReceived: bytesReceived)
        if span.isRecording {
            span.updateAttributes { attributes in
                attributes["iconect.retries"] = retries
                attributes["http.request.body.size"] = bytesPerExchange * exchanges
                attributes["http.response.body.size"] = bytesReceived
                if let answer {
                    attributes["http.response.status_code"] = answer.status
                    if let requestId = answer.response.headerFields[.requestId] { attributes["iconect.request_id"] = requestId }
                }
            }
            if let error {
                span.recordError(error)
                span.setStatus(SpanStatus(code: .error, message: (error as? IconectError)?.message))
            }
        }
        span.end()
    }
}
