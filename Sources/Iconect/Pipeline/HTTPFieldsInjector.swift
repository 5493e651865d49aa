import HTTPTypes
import Instrumentation

/// Puts a span's context into a request's header fields (`traceparent` and `tracestate` with a W3C tracer), so the
/// server's spans join the caller's trace. A key that is not a valid header name is left out.
struct HTTPFieldsInjector: Injector {
    func inject(_ value: String, forKey key: String, into fields: inout HTTPFields) {
        guard let name = HTTPField.Name(key) else { return }
        fields[name] = value
    }
}
