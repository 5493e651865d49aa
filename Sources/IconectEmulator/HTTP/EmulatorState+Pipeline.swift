import Logging
import HTTPTypes
import Hummingbird
import NIOCore

/// The error a dropped response's body writer throws so NIO closes the connection mid-response.
struct ConnectionDropped: Error {}

extension EmulatorState {
    /// The whole request pipeline: control routes, faults, routing, auth, body, idempotency, handler, stats.
    func respond(to request: Request) async -> Response {
        let target = request.head.path ?? "/"
        let rawPath: String
        let rawQuery: String?
        if let mark = target.firstIndex(of: "?") {
            rawPath = String(target[..<mark])
            rawQuery = String(target[target.index(after: mark)...])
        } else {
            rawPath = target
            rawQuery = nil
        }
        let method = request.method.rawValue
        let requestId = Self.acceptableRequestId(request.headers[.requestId]) ?? nextRequestId()
        guard acceptsHost(request.head.authority) else {
            let error = APIError(status: .forbidden, code: "HOST_NOT_ALLOWED",
                                 message: "The Host header must name this machine (loopback) or an allowed host")
            return makeResponse(.error(error, requestId: requestId), requestId: requestId)
        }
        if rawPath == "/_emulator" || rawPath.hasPrefix("/_emulator/") {
            let reply = await control(method: method, rawPath: rawPath, request: request, requestId: requestId)
            return makeResponse(reply, requestId: requestId)
        }

        let counter = ByteCounter()
        let match = router.match(method: method, rawPath: rawPath)
        let fault = faults.match(method: method, rawPath: rawPath)
        if fault != nil { stats.recordFault() }
        if let fault, fault.latencyMs > 0 {
            try? await Task.sleep(for: .milliseconds(fault.latencyMs))
        }

        var reply: Reply
        var drop = false
        var recordedStatus: Int
        if let status = fault?.status {
            reply = faultReply(status: status, retryAfter: fault?.retryAfter, requestId: requestId)
            recordedStatus = Int(reply.status.code)
        } else if fault?.drop == .beforeHandling {
            reply = Reply(status: .ok)
            drop = true
            recordedStatus = 0
        } else {
            reply = await handle(match, request: request, rawPath: rawPath, rawQuery: rawQuery, requestId: requestId, counter: counter)
            if method == "GET" { reply = reply.withEntityTag(ifNoneMatch: request.headers[.ifNoneMatch]) }
            recordedStatus = Int(reply.status.code)
            if fault?.drop == .afterHandling {
                drop = true
            } else if fault?.malformedBody == true {
                reply = Reply(status: .ok, headers: [.contentType: Reply.jsonContentType],
                              body: .bytes(ByteBuffer(string: "{\"data\": [{\"id\": \"malformed\", \"truncated\": tr")))
                recordedStatus = 200
            }
        }

        var routeTemplate: String?
        if case .found(let route, _) = match { routeTemplate = route.template }
        let headers = request.headers
        let bodyBytes = counter.wasConsumed ? counter.total : (headers[.contentLength].flatMap { Int($0) } ?? 0)
        stats.record(
            RequestSummary(
                method: method, rawPath: rawPath, query: rawQuery, route: routeTemplate, status: recordedStatus,
                idempotencyKey: headers[.idempotencyKey], contentType: headers[.contentType],
                contentEncoding: headers[.contentEncoding], ifNoneMatch: headers[.ifNoneMatch],
                userAgent: headers[.userAgent],
                hadBearerToken: headers[.authorization].map { $0.lowercased().hasPrefix("bearer ") } ?? false,
                bodyBytes: bodyBytes
            ),
            routeKey: method + " " + (routeTemplate ?? "(unmatched)")
        )
        if drop { return Self.droppedResponse(requestId: requestId) }
        return makeResponse(reply, requestId: requestId)
    }

    private func handle(
        _ match: Router.Match, request: Request, rawPath: String, rawQuery: String?, requestId: String, counter: ByteCounter
    ) async -> Reply {
        let route: Route
        let params: [String: String]
        switch match {
        case .badPath:
            return .error(.badRequest("The path has a malformed percent-encoding"), requestId: requestId)
        case .notFound:
            return .error(APIError(status: .notFound, code: "NOT_FOUND", message: "No route for \(request.method.rawValue) \(rawPath)"),
                          requestId: requestId)
        case .methodNotAllowed(let allowed):
            var error = APIError(status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED",
                                 message: "\(request.method.rawValue) is not allowed on \(rawPath)")
            error.headers[.allow] = allowed.joined(separator: ", ")
            return .error(error, requestId: requestId)
        case .found(let found, let foundParams):
            route = found
            params = foundParams
        }
        do {
            var api = APIRequest(
                method: request.method.rawValue, rawPath: rawPath, rawQuery: rawQuery,
                query: rawQuery.map { QueryParameters(parsing: $0) } ?? QueryParameters(),
                headers: request.headers, params: params, requestId: requestId, principal: nil, body: [],
                stream: request.body, counter: counter
            )
            if route.requiresAuth {
                api.principal = try tokens.authenticate(authorization: request.headers[.authorization])
            }
            if case .buffered(let limit) = route.bodyMode {
                api.body = try await BodyDecoding.collect(request.body, encoding: request.headers[.contentEncoding], limit: limit, counter: counter)
            }
            if api.method == "POST", route.requiresAuth, let key = request.headers[.idempotencyKey], !key.isEmpty {
                return await runIdempotently(key: key, route: route, request: api)
            }
            return try await route.handler(self, api)
        } catch {
            return errorReply(error, requestId: requestId)
        }
    }

    private func runIdempotently(key: String, route: Route, request: APIRequest) async -> Reply {
        let fingerprint = IdempotencyStore.Fingerprint(method: request.method, path: request.rawPath, bodyDigest: Array(Digest.sha256Hex(request.body).utf8))
        let scope = IdempotencyStore.Scope(subject: request.principal?.subject ?? "", clientId: request.principal?.clientId ?? "")
        switch await idempotency.begin(scope: scope, key: key, fingerprint: fingerprint) {
        case .replay(let reply):
            stats.recordReplay()
            return reply
        case .mismatch:
            return .error(APIError(status: .unprocessableContent, code: "IDEMPOTENCY_KEY_REUSED",
                                   message: "Idempotency-Key '\(key)' was already used with a different request"),
                          requestId: request.requestId)
        case .execute:
            let reply: Reply
            do {
                reply = try await route.handler(self, request)
            } catch {
                reply = errorReply(error, requestId: request.requestId)
            }
            idempotency.finish(scope: scope, key: key, fingerprint: fingerprint, reply: reply)
            return reply
        }
    }

    func errorReply(_ error: any Error, requestId: String) -> Reply {
        if let apiError = error as? APIError { return .error(apiError, requestId: requestId) }
        if let failure = error as? GzipInflater.Failure {
            return .error(.badRequest("Could not decode the body: \(failure.reason)", code: "INVALID_CONTENT_ENCODING"), requestId: requestId)
        }
        logger.error("Handler failed: \(error)")
        return .error(APIError(status: .internalServerError, code: "INTERNAL_ERROR", message: "Internal error: \(error)"), requestId: requestId)
    }

    private func faultReply(status: Int, retryAfter: String?, requestId: String) -> Reply {
        let httpStatus = HTTPResponse.Status(code: status)
        var error = APIError(status: httpStatus, code: APIError.code(for: status), message: "Injected fault: HTTP \(status)")
        if status == 401 { error.headers[.wwwAuthenticate] = "Bearer error=\"invalid_token\"" }
        if let retryAfter { error.headers[.retryAfter] = retryAfter }
        return .error(error, requestId: requestId)
    }

    func makeResponse(_ reply: Reply, requestId: String) -> Response {
        var headers = reply.headers
        headers[.requestId] = requestId
        var response: Response
        switch reply.body {
        case .empty:
            response = Response(status: reply.status, headers: headers, body: ResponseBody())
        case .bytes(let buffer):
            response = Response(status: reply.status, headers: headers, body: ResponseBody(byteBuffer: buffer))
        case .stream(let length, let write):
            response = Response(status: reply.status, headers: headers, body: ResponseBody(contentLength: length, write))
        }
        if reply.status == .noContent || reply.status == .notModified {
            response.headers[.contentLength] = nil
        }
        return response
    }

    /// A response whose head promises a body that never completes: the client sees a transport error.
    private static func droppedResponse(requestId: String) -> Response {
        let headers: HTTPFields = [.contentType: Reply.jsonContentType, .requestId: requestId]
        return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: 4096) { writer in
            try await writer.write(ByteBuffer(string: "{\"data\": ["))
            throw ConnectionDropped()
        })
    }

    /// Whether the `Host` header names this machine: a loopback name, the bound address, or a configured allowed host. A
    /// page that rebinds its own name to 127.0.0.1 sends its name, and is refused.
    private func acceptsHost(_ authority: String?) -> Bool {
        guard let authority, !authority.isEmpty else { return false }
        let host = LoopbackHost.hostName(ofAuthority: authority).lowercased()
        if LoopbackHost.isLoopback(host) { return true }
        let bound = configuration.host.lowercased()
        if host == bound || host == "[\(bound)]" { return !["0.0.0.0", "::", "[::]"].contains(bound) }
        return configuration.allowedHosts.contains { $0.lowercased() == host }
    }

    /// A client-supplied request id is echoed when it is short and printable.
    private static func acceptableRequestId(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.count <= 128,
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return value
    }
}
