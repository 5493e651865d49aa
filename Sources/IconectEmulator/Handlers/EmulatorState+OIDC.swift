import Crypto
import Foundation
import HTTPTypes

/// An RFC 6749 error: `{"error", "error_description"}` with a status.
struct OAuthError: Error {
    let status: HTTPResponse.Status
    let code: String
    let description: String

    static func invalidRequest(_ description: String) -> OAuthError { OAuthError(status: .badRequest, code: "invalid_request", description: description) }
    static func invalidGrant(_ description: String) -> OAuthError { OAuthError(status: .badRequest, code: "invalid_grant", description: description) }
    static func invalidClient(_ description: String) -> OAuthError { OAuthError(status: .unauthorized, code: "invalid_client", description: description) }
    static func invalidScope(_ description: String) -> OAuthError { OAuthError(status: .badRequest, code: "invalid_scope", description: description) }

    /// The RFC 6749 §5.2 error reply; `WWW-Authenticate: Basic` only answers a client that tried HTTP Basic.
    func reply(basicAttempted: Bool = false) -> Reply {
        var reply = Reply.json(["error": .string(code), "error_description": .string(description)], status: status)
        reply.headers[.cacheControl] = "no-store"
        if code == "invalid_client", basicAttempted { reply.headers[.wwwAuthenticate] = "Basic realm=\"iconect\"" }
        return reply
    }
}

extension EmulatorState {
    static let requiredScope = "iconect_api"

    func discoveryDocument() -> Reply {
        let base = baseURL
        return .json([
            "issuer": .string(base),
            "authorization_endpoint": .string(base + "/openid/authorize"),
            "token_endpoint": .string(base + "/openid/token"),
            "revocation_endpoint": .string(base + "/openid/revoke"),
            "grant_types_supported": ["authorization_code", "password", "refresh_token", "client_credentials"],
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "iconect_api"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
            "id_token_signing_alg_values_supported": ["HS256"],
            "subject_types_supported": ["public"],
        ])
    }

    // MARK: - Token endpoint

    func tokenEndpoint(_ request: APIRequest) -> Reply {
        let mediaType = request.mediaType
        let form = mediaType == "application/x-www-form-urlencoded"
            ? QueryParameters(parsing: String(decoding: request.body, as: UTF8.self)) : QueryParameters()
        let basic = Self.basicCredentials(request.headers[.authorization])
        let clientAuthentication = basic != nil ? "basic" : (form["client_secret"] != nil ? "post" : "none")
        let grantType = form["grant_type"]
        var summary = TokenRequestSummary(grantType: grantType, contentType: request.contentType, scope: form["scope"],
                                          clientAuthentication: clientAuthentication, succeeded: false, error: nil)
        do {
            guard mediaType == "application/x-www-form-urlencoded" else {
                throw OAuthError.invalidRequest("The token endpoint accepts application/x-www-form-urlencoded only")
            }
            let reply = try grant(form: form, basic: basic)
            summary.succeeded = true
            stats.recordToken(summary)
            return reply
        } catch let error as OAuthError {
            summary.error = error.code
            stats.recordToken(summary)
            return error.reply(basicAttempted: basic != nil)
        } catch {
            summary.error = "server_error"
            stats.recordToken(summary)
            return OAuthError(status: .internalServerError, code: "server_error", description: "\(error)").reply()
        }
    }

    private func grant(form: QueryParameters, basic: (id: String, secret: String)?) throws -> Reply {
        guard let grantType = form["grant_type"], !grantType.isEmpty else { throw OAuthError.invalidRequest("grant_type is required") }
        let client = try authenticateClient(form: form, basic: basic)
        let issued: TokenService.IssuedTokens
        switch grantType {
        case "password":
            let scope = try checkedScope(form["scope"])
            guard let username = form["username"], let password = form["password"] else {
                throw OAuthError.invalidRequest("username and password are required")
            }
            guard directory.verify(username: username, password: password) else {
                recordSignIn(username, succeeded: false)
                throw OAuthError.invalidGrant("The username or password is wrong")
            }
            issued = tokens.issue(subject: username, clientId: client.id, scope: scope, issuer: baseURL, withRefreshToken: false)
            recordSignIn(username, succeeded: true)
        case "client_credentials":
            guard client.secret != nil else {
                throw OAuthError(status: .badRequest, code: "unauthorized_client", description: "A public client cannot use client_credentials")
            }
            let scope = try checkedScope(form["scope"])
            issued = tokens.issue(subject: client.id, clientId: client.id, scope: scope, issuer: baseURL, withRefreshToken: false)
        case "refresh_token":
            guard let token = form["refresh_token"], !token.isEmpty else { throw OAuthError.invalidRequest("refresh_token is required") }
            guard let existing = tokens.refreshGrant(token) else { throw OAuthError.invalidGrant("The refresh token is invalid, used or revoked") }
            guard existing.clientId == client.id else { throw OAuthError.invalidGrant("The refresh token was issued to another client") }
            var scope = existing.scope
            if let requested = form["scope"], !requested.isEmpty {
                scope = try checkedScope(requested)
                let granted = Set(existing.scope.split(separator: " "))
                guard Set(scope.split(separator: " ")).isSubset(of: granted) else {
                    throw OAuthError.invalidScope("The requested scope exceeds the original grant")
                }
            }
            guard tokens.redeemRefreshToken(token) != nil else { throw OAuthError.invalidGrant("The refresh token was already used") }
            issued = tokens.issue(subject: existing.subject, clientId: client.id, scope: scope, issuer: baseURL, withRefreshToken: true)
        case "authorization_code":
            guard let code = form["code"], !code.isEmpty else { throw OAuthError.invalidRequest("code is required") }
            guard let redirectURI = form["redirect_uri"], !redirectURI.isEmpty else { throw OAuthError.invalidRequest("redirect_uri is required") }
            guard let verifier = form["code_verifier"], !verifier.isEmpty else { throw OAuthError.invalidRequest("code_verifier is required (PKCE)") }
            guard let stored = tokens.redeemCode(code) else { throw OAuthError.invalidGrant("The authorization code is invalid, expired or already used") }
            guard stored.clientId == client.id else { throw OAuthError.invalidGrant("The code was issued to another client") }
            guard stored.redirectURI == redirectURI else { throw OAuthError.invalidGrant("redirect_uri does not match the authorization request") }
            let challenge = Base64URL.encode(Array(SHA256.hash(data: Array(verifier.utf8))))
            guard challenge == stored.codeChallenge else { throw OAuthError.invalidGrant("PKCE verification failed: code_verifier does not match code_challenge") }
            issued = tokens.issue(subject: stored.subject, clientId: client.id, scope: stored.scope, issuer: baseURL, withRefreshToken: true)
            recordSignIn(stored.subject, succeeded: true)
        default:
            throw OAuthError(status: .badRequest, code: "unsupported_grant_type", description: "grant_type '\(grantType)' is not supported")
        }
        var body: [String: JSON] = [
            "access_token": .string(issued.accessToken), "token_type": "Bearer",
            "expires_in": .number(Double(issued.expiresIn)), "scope": .string(issued.scope),
        ]
        if let refresh = issued.refreshToken { body["refresh_token"] = .string(refresh) }
        var reply = Reply.json(.object(body))
        reply.headers[.cacheControl] = "no-store"
        return reply
    }

    /// The scope, when it carries `iconect_api`; otherwise `invalid_scope`.
    private func checkedScope(_ scope: String?) throws -> String {
        let parts = (scope ?? "").split(separator: " ").map(String.init)
        guard parts.contains(Self.requiredScope) else {
            throw OAuthError.invalidScope("The scope must include \(Self.requiredScope)")
        }
        return parts.joined(separator: " ")
    }

    private func authenticateClient(form: QueryParameters, basic: (id: String, secret: String)?) throws -> EmulatorOAuthClient {
        let clientId = basic?.id ?? form["client_id"]
        let secret = basic?.secret ?? form["client_secret"]
        guard let clientId, !clientId.isEmpty else { throw OAuthError.invalidClient("Client authentication is required (client_id)") }
        guard let client = configuration.oauthClients.first(where: { $0.id == clientId }) else {
            throw OAuthError.invalidClient("Unknown client '\(clientId)'")
        }
        if let expected = client.secret {
            guard let secret, secret == expected else { throw OAuthError.invalidClient("Client authentication failed") }
        }
        return client
    }

    /// `Authorization: Basic base64(id:secret)` with form-encoded parts (RFC 6749 §2.3.1).
    static func basicCredentials(_ header: String?) -> (id: String, secret: String)? {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic " else { return nil }
        guard let data = Data(base64Encoded: header.dropFirst(6).trimmingSpaces()),
              let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":") else { return nil }
        let id = PercentDecoding.decode(decoded[..<colon], plusAsSpace: true) ?? String(decoded[..<colon])
        let secretPart = decoded[decoded.index(after: colon)...]
        let secret = PercentDecoding.decode(secretPart, plusAsSpace: true) ?? String(secretPart)
        return (id, secret)
    }

    // MARK: - Authorize and revoke

    func authorizeEndpoint(_ request: APIRequest) -> Reply {
        let query = request.query
        guard let clientId = query["client_id"], let client = configuration.oauthClients.first(where: { $0.id == clientId }) else {
            return OAuthError.invalidRequest("client_id is missing or unknown").reply()
        }
        guard let redirectURI = query["redirect_uri"], let redirect = URLComponents(string: redirectURI), redirect.scheme != nil else {
            return OAuthError.invalidRequest("redirect_uri is missing or not an absolute URI").reply()
        }
        // Never redirect to a URI the client did not register (RFC 6749 §3.1.2.4): the error is shown, not sent there.
        guard client.allowsRedirect(to: redirectURI) else {
            return OAuthError.invalidRequest("redirect_uri is not registered for client '\(client.id)'"
                                             + (client.redirectURIs.isEmpty ? " (only loopback http URIs are allowed)" : "")).reply()
        }
        let state = query["state"]
        func redirectReply(_ items: [(String, String)]) -> Reply {
            var components = redirect
            var queryItems = components.queryItems ?? []
            queryItems.append(contentsOf: items.map { URLQueryItem(name: $0.0, value: $0.1) })
            if let state { queryItems.append(URLQueryItem(name: "state", value: state)) }
            components.percentEncodedQuery = queryItems.map {
                PercentDecoding.encode($0.name) + "=" + PercentDecoding.encode($0.value ?? "")
            }.joined(separator: "&")
            return Reply(status: .found, headers: [.location: components.string ?? redirectURI, .cacheControl: "no-store"])
        }
        func failure(_ code: String, _ description: String) -> Reply {
            redirectReply([("error", code), ("error_description", description)])
        }
        guard query["response_type"] == "code" else {
            return failure("unsupported_response_type", "response_type must be code")
        }
        let scopes = (query["scope"] ?? "").split(separator: " ").map(String.init)
        guard scopes.contains(Self.requiredScope) else {
            return failure("invalid_scope", "The scope must include \(Self.requiredScope)")
        }
        guard let challenge = query["code_challenge"], !challenge.isEmpty else {
            return failure("invalid_request", "code_challenge is required (PKCE)")
        }
        guard query["code_challenge_method"] == "S256" else {
            return failure("invalid_request", "code_challenge_method must be S256")
        }
        guard let user = configuration.users.first else {
            return failure("access_denied", "No user is configured to approve the request")
        }
        let code = tokens.storeCode(TokenService.AuthorizationCode(
            clientId: client.id, redirectURI: redirectURI, codeChallenge: challenge,
            scope: scopes.joined(separator: " "), subject: user.username, expires: ISODate.now + TokenService.codeLifetime
        ))
        return redirectReply([("code", code)])
    }

    func revokeEndpoint(_ request: APIRequest) -> Reply {
        let form = QueryParameters(parsing: String(decoding: request.body, as: UTF8.self))
        if let token = form["token"], !token.isEmpty {
            if let grant = tokens.refreshGrant(token) { recordSignOut(grant.subject) }
            tokens.revoke(token)
        }
        return Reply(status: .ok, headers: [.cacheControl: "no-store"])
    }
}
