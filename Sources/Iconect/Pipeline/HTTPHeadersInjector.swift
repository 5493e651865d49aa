import Instrumentation

/// Puts a span's context into a request's headers (`traceparent` and `tracestate` with a W3C tracer), so the server's
/// spans join the caller's trace.
struct HTTPHeadersInjector: Injector {
    func inject(_ value: String, forKey key: String, into headers: inout HTTPHeaders) {
        headers[key] = value
    }
}
