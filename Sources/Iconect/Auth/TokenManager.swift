import Foundation
import HTTPTypes
import Logging
import Synchronization

/// Obtains, caches and refreshes access tokens (AUTH.md).
///
/// - The token is reused until `refreshLeeway` before it expires (at most half its lifetime).
/// - Exactly one grant runs at a time however many requests wait for it (single flight); they all continue with its token.
///   A waiter whose task is cancelled leaves at once; the grant goes on for the others.
/// - A `401` on an API call invalidates the token it carried; the next caller refreshes once (callers that already hold a newer
///   token are not affected).
/// - Without a refresh token (the password grant issues none) the original grant is repeated with the stored credentials.
actor TokenManager {
    private let configuration: IconectConfiguration
    private let transport: any HTTPTransport
    private let statistics: StatisticsRecorder
    private let retries: RetryDecider
    private let logger: Logger
    private var credentials: Credentials
    private var token: OAuthToken? {
        didSet { published.withLock { $0 = token.map(PublishedToken.init) } }
    }
    /// The current token and its `Authorization` value, readable without a hop onto the actor: the hot path of every
    /// request (the header is built once per token, not once per request).
    private nonisolated let published = Mutex<PublishedToken?>(nil)

    struct PublishedToken: Sendable {
        let token: OAuthToken
        let authorization: String

        init(_ token: OAuthToken) {
            self.token = token
            self.authorization = "Bearer " + token.accessToken.reveal()
        }
    }
    private var inflight: Task<OAuthToken, any Error>?
    private var metadata: ProviderMetadata?
    private var pending: [String: PendingAuthorization] = [:]
    private nonisolated let generation = Mutex(0)

    /// Who the client currently is, for keying caches: changes with every sign-in and logout, reveals nothing.
    nonisolated var identity: String {
        "session-\(generation.withLock { $0 })"
    }

    struct PendingAuthorization: Sendable {
        var verifier: Secret?
        var redirectURI: URL
    }

    init(configuration: IconectConfiguration, transport: any HTTPTransport, statistics: StatisticsRecorder, retries: RetryDecider) {
        self.configuration = configuration
        self.transport = transport
        self.statistics = statistics
        self.retries = retries
        self.logger = configuration.logger
        self.credentials = configuration.credentials
        if case .accessToken(let secret) = configuration.credentials {
            let initial = OAuthToken(staticToken: secret)
            token = initial
            published.withLock { $0 = PublishedToken(initial) }  // observers do not run in an initializer
        }
    }

    // MARK: - Tokens for requests

    /// The cached token and its `Authorization` header value when it is fresh, without waiting for the actor; `nil`
    /// means call ``accessToken()``.
    nonisolated func freshTokenIfAny() -> (token: String, authorization: String)? {
        published.withLock { published in
            guard let published, published.token.isFresh() else { return nil }
            return (published.token.accessToken.reveal(), published.authorization)
        }
    }

    /// A token to send now, obtaining or refreshing one first when needed.
    func accessToken() async throws -> String {
        if let token, token.isFresh() { return token.accessToken.reveal() }
        return try await refresh().accessToken.reveal()
    }

    /// Whether a new token can be obtained without the caller's help (the 401 replay needs this).
    var canRefresh: Bool {
        switch credentials {
        case .none, .accessToken: return token?.refreshToken != nil
        case .password, .clientCredentials, .refreshToken: return true
        case .authorizationCode: return token?.refreshToken != nil || token == nil
        }
    }

    /// Marks `rejected` as refused by the server, so that the next ``accessToken()`` refreshes. A newer token is kept.
    func invalidate(_ rejected: String) {
        guard var current = token, current.accessToken.reveal() == rejected else { return }
        current.refreshAt = .now
        current.expiresAt = .now
        token = current
    }

    /// One grant for every waiting caller. The grant runs in a task of its own, which stores its token whoever is still
    /// waiting: a caller whose task is cancelled stops waiting at once (with ``IconectError/Code/cancelled``).
    private func refresh() async throws -> OAuthToken {
        let task = inflight ?? startGrant()
        return try await GrantWaiter.value(of: task)
    }

    private func startGrant() -> Task<OAuthToken, any Error> {
        let previous = token
        let task = Task { () async throws -> OAuthToken in
            defer { self.inflight = nil }
            do {
                let fresh = try await self.obtainToken(previous: previous)
                self.token = fresh
                return fresh
            } catch {
                // A refresh ahead of expiry that fails leaves the old token usable until it really expires.
                if let previous, previous.isUnexpired(), self.token?.accessToken == previous.accessToken {
                    self.logger.warning("token refresh failed; using the current token until it expires",
                                        metadata: ["error": "\(error)"])
                    return previous
                }
                throw error
            }
        }
        inflight = task
        return task
    }

    private func obtainToken(previous: OAuthToken?) async throws -> OAuthToken {
        if let refreshToken = previous?.refreshToken {
            do {
                return try await grant(.refreshToken(refreshToken), previousRefreshToken: refreshToken)
            } catch let error as IconectError where error.status == 400 || error.status == 401 {
                // The refresh token was refused: fall back to the original grant when it can be repeated.
                guard credentials.isRepeatable else { throw error }
                logger.debug("refresh token refused; repeating the original grant")
            }
        }
        switch credentials {
        case .none:
            throw IconectError(.unauthorized, "not signed in: configure credentials (ICONECT_USERNAME/ICONECT_PASSWORD, "
                               + "ICONECT_ACCESS_TOKEN, ...) or call client.auth.signIn(...)")
        case .accessToken(let secret):
            return OAuthToken(staticToken: secret)
        case .authorizationCode:
            let fresh = try await grant(credentials, previousRefreshToken: nil)
            // A code is single-use: from now on the refresh token carries the sign-in.
            credentials = .none
            return fresh
        case .password, .clientCredentials, .refreshToken:
            return try await grant(credentials, previousRefreshToken: nil)
        }
    }

    // MARK: - Sign-in and sign-out

    /// Replaces the credentials and obtains a token with them now.
    func signIn(with newCredentials: Credentials) async throws -> AuthStatus {
        if let inflight { _ = try? await inflight.value }
        generation.withLock { $0 += 1 }
        credentials = newCredentials
        if case .accessToken(let secret) = newCredentials {
            token = OAuthToken(staticToken: secret)
            return status()
        }
        token = nil
        _ = try await refresh()
        return status()
    }

    /// After the signed-in user changed their password: a repeated password grant sends the new one.
    func passwordChanged(to newPassword: Secret) {
        if case .password(let username, _) = credentials { credentials = .password(username: username, password: newPassword) }
    }

    /// Builds an authorize URL with PKCE and `state`, remembering them for ``completeAuthorization(callback:)``.
    func authorizationRequest(redirectURI: URL, state: String?, codeChallenge: String?) async throws -> AuthorizationRequest {
        try requireClientId()
        let endpoint = try await providerMetadata().authorizationEndpoint
            ?? configuration.identityRoot.appendingPathComponent("openid/authorize")
        var generator = SystemRandomNumberGenerator()
        let state = state ?? Base64URL.randomToken(bytes: 16, using: &generator)
        let pkce: PKCE? = codeChallenge == nil ? PKCE() : nil
        let challenge = codeChallenge ?? pkce?.challenge ?? ""
        let query = [
            ("response_type", "code"), ("client_id", configuration.clientId ?? ""), ("redirect_uri", redirectURI.absoluteString),
            ("scope", configuration.scope), ("state", state), ("code_challenge", challenge), ("code_challenge_method", "S256"),
        ]
        let separator = endpoint.absoluteString.contains("?") ? "&" : "?"
        let text = endpoint.absoluteString + separator
            + query.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
        guard let url = URL(string: text) else {
            throw IconectError(.invalidConfiguration, "could not build the authorize URL from \(endpoint.absoluteString)")
        }
        pending[state] = PendingAuthorization(verifier: pkce?.verifier, redirectURI: redirectURI)
        return AuthorizationRequest(url: url, state: state, codeVerifier: pkce?.verifier, redirectURI: redirectURI)
    }

    /// Finishes an authorization-code sign-in from the redirect URL: checks `state`, then exchanges the code.
    func completeAuthorization(callback: URL) async throws -> AuthStatus {
        let items = URLComponents(url: callback, resolvingAgainstBaseURL: false)?.queryItems ?? []
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        if let error = value("error") {
            throw IconectError(.unauthorized, "the identity provider refused the sign-in: \(value("error_description") ?? error)",
                               serverCode: error)
        }
        guard let state = value("state"), let request = pending.removeValue(forKey: state) else {
            throw IconectError(.authentication, "the redirect's state does not match any authorize request this client made "
                               + "(possible cross-site request forgery); start the sign-in again")
        }
        guard let code = value("code"), !code.isEmpty else {
            throw IconectError(.authentication, "the redirect carries no authorization code")
        }
        return try await signIn(with: .authorizationCode(code: Secret(code), codeVerifier: request.verifier,
                                                         redirectURI: request.redirectURI))
    }

    /// Exchanges a code obtained outside ``completeAuthorization(callback:)``; the verifier and redirect URI default to those
    /// of the latest authorize request.
    func exchange(code: String, codeVerifier: String?, redirectURI: URL?) async throws -> AuthStatus {
        let latest = pending.values.first
        guard let redirect = redirectURI ?? latest?.redirectURI else {
            throw IconectError.invalidArgument("redirectURI", "is required when no authorize request was made by this client")
        }
        let verifier = codeVerifier.map { Secret($0) } ?? latest?.verifier
        pending.removeAll()
        return try await signIn(with: .authorizationCode(code: Secret(code), codeVerifier: verifier, redirectURI: redirect))
    }

    /// Clears the tokens and revokes the refresh token where the provider offers revocation.
    func logout() async {
        let current = token
        token = nil
        credentials = .none
        generation.withLock { $0 += 1 }
        pending.removeAll()
        guard let refreshToken = current?.refreshToken,
            let endpoint = try? await providerMetadata().revocationEndpoint
        else { return }
        var fields = [("token", refreshToken.reveal()), ("token_type_hint", "refresh_token")]
        var request = HTTPRequest(method: .post, url: endpoint)
        addClientAuthentication(to: &fields, request: &request)
        request.headerFields[.contentType] = "application/x-www-form-urlencoded"
        let body = HTTPBody.data(Data(FormEncoding.encode(fields).utf8))
        do {
            let (response, _) = try await transport.send(request, body: body, timeout: configuration.requestTimeout)
            logger.debug("refresh token revoked", metadata: ["status": "\(response.status.code)"])
        } catch {
            logger.warning("could not revoke the refresh token", metadata: ["error": "\(error)"])
        }
    }

    /// What the client knows about its sign-in.
    func status() -> AuthStatus {
        AuthStatus(isAuthenticated: token.map { $0.isUnexpired() } ?? false, grantType: token?.grantType,
                   expiresAt: token?.expiresAtDate, scope: token?.scope, hasRefreshToken: token?.refreshToken != nil,
                   canRefresh: canRefresh)
    }

    // MARK: - The token endpoint

    private func grant(_ credentials: Credentials, previousRefreshToken: Secret?) async throws -> OAuthToken {
        try requireClientId()
        guard let grantType = credentials.grantType else {
            throw IconectError(.unauthorized, "these credentials cannot be exchanged for a token")
        }
        var fields: [(String, String)] = [("grant_type", grantType)]
        switch credentials {
        case .password(let username, let password):
            fields += [("username", username), ("password", password.reveal())]
        case .authorizationCode(let code, let verifier, let redirectURI):
            fields += [("code", code.reveal()), ("redirect_uri", redirectURI.absoluteString)]
            if let verifier { fields.append(("code_verifier", verifier.reveal())) }
        case .refreshToken(let refreshToken):
            fields.append(("refresh_token", refreshToken.reveal()))
        case .clientCredentials, .none, .accessToken:
            break
        }
        fields.append(("scope", configuration.scope))
        let endpoint = try await tokenEndpoint()
        var request = HTTPRequest(method: .post, url: endpoint)
        addClientAuthentication(to: &fields, request: &request)
        request.headerFields[.contentType] = "application/x-www-form-urlencoded"
        request.headerFields[.accept] = "application/json"
        request.headerFields[.userAgent] = configuration.userAgent
        let body = HTTPBody.data(Data(FormEncoding.encode(fields).utf8))

        let started = ContinuousClock.now
        let answer = try await sendWithRetries(request, body: body, operation: "oauth_token")
        let receivedAt = ContinuousClock.now
        let failed = !answer.isSuccessful
        statistics.record(operation: "oauth_token", duration: receivedAt - started, failed: failed, retries: 0,
                          bytesSent: body.count ?? 0, bytesReceived: answer.body.count)
        guard !failed else { throw Self.grantError(answer) }
        let decoded: TokenResponse
        do {
            decoded = try JSONCoding.decoder.decode(TokenResponse.self, from: answer.body)
        } catch {
            throw IconectError(.decoding, "the token endpoint's answer is not a token response", status: answer.status,
                               operation: "oauth_token", underlying: error)
        }
        statistics.increment("auth.grants.\(grantType)")
        logger.debug("token obtained", metadata: ["grant": "\(grantType)", "expiresIn": "\(decoded.expiresIn.map(String.init) ?? "-")"])
        return OAuthToken(response: decoded, grantType: grantType, previousRefreshToken: previousRefreshToken,
                          leeway: configuration.refreshLeeway, receivedAt: receivedAt)
    }

    private func addClientAuthentication(to fields: inout [(String, String)], request: inout HTTPRequest) {
        guard let clientId = configuration.clientId else { return }
        switch (configuration.clientAuthentication, configuration.clientSecret) {
        case (.basic, let secret?):
            let pair = PercentEncoding.formEncode(clientId) + ":" + PercentEncoding.formEncode(secret.reveal())
            request.headerFields[.authorization] = "Basic " + Data(pair.utf8).base64EncodedString()
        case (_, let secret):
            fields.append(("client_id", clientId))
            if let secret { fields.append(("client_secret", secret.reveal())) }
        }
    }

    /// Transport failures, 429 and 5xx at the token endpoint are retried like API calls (a grant is safe to repeat), by
    /// the client's one retry decision and budget. Redirects are not followed: credentials go to the configured endpoint only.
    private func sendWithRetries(_ request: HTTPRequest, body: HTTPBody = .none, operation: String) async throws -> HTTPAnswer {
        var attempt = 0
        while true {
            attempt += 1
            let failure: IconectError
            var answer: HTTPAnswer?
            do {
                let (response, data) = try await transport.send(request, body: body, timeout: configuration.requestTimeout)
                let received = HTTPAnswer(response, body: data)
                guard RetryPolicy.isRetryable(status: received.status) else {
                    if received.isSuccessful { retries.recordSuccess() }
                    return received
                }
                failure = IconectError.from(received, operation: operation)
                answer = received
            } catch {
                var mapped = IconectError.transportFailure(error)
                mapped.operation = operation
                failure = mapped
            }
            guard let wait = retries.delay(after: failure, attempt: attempt) else {
                if let answer { return answer }
                throw failure
            }
            try await RetryDecider.sleep(wait, operation: operation)
        }
    }

    private static func grantError(_ answer: HTTPAnswer) -> IconectError {
        var error = IconectError.from(answer, operation: "oauth_token")
        switch error.serverCode {
        case "invalid_grant", "invalid_client", "unauthorized_client", "access_denied":
            error.code = .unauthorized
        default:
            if error.status.map({ (400..<500).contains($0) }) == true { error.code = .authentication }
        }
        error.message = "the identity provider refused the grant: \(error.message)"
        return error
    }

    private func requireClientId() throws {
        guard configuration.clientId?.isEmpty == false else {
            throw IconectError.invalidConfiguration("clientId", "every OAuth grant needs a client id")
        }
    }

    // MARK: - Discovery

    private func tokenEndpoint() async throws -> URL {
        if let explicit = configuration.tokenEndpoint { return explicit }
        return try await providerMetadata().tokenEndpoint
    }

    /// The discovery document, fetched once; when there is none, the documented default paths.
    private func providerMetadata() async throws -> ProviderMetadata {
        if let metadata { return metadata }
        let root = configuration.identityRoot
        let fallback = ProviderMetadata(tokenEndpoint: root.appendingPathComponent("openid/token"),
                                        authorizationEndpoint: root.appendingPathComponent("openid/authorize"),
                                        revocationEndpoint: nil)
        let url = root.appendingPathComponent(".well-known/openid-configuration")
        let request = HTTPRequest(method: .get, url: url, headerFields: [.accept: "application/json"])
        let discovered: ProviderMetadata
        do {
            let answer = try await sendWithRetries(request, operation: "oidc_discovery")
            if answer.isSuccessful,
                let document = try? JSONCoding.decoder.decode(ProviderMetadata.self, from: answer.body)
            {
                // Every endpoint the client sends credentials to (or sends a user to) gets the configured URLs' check.
                try IconectConfiguration.check(document.tokenEndpoint, field: "token_endpoint (discovery)",
                                               allowInsecureHTTP: configuration.allowInsecureHTTP)
                if let revocation = document.revocationEndpoint {
                    try IconectConfiguration.check(revocation, field: "revocation_endpoint (discovery)",
                                                   allowInsecureHTTP: configuration.allowInsecureHTTP)
                }
                if let authorization = document.authorizationEndpoint {
                    try IconectConfiguration.check(authorization, field: "authorization_endpoint (discovery)",
                                                   allowInsecureHTTP: configuration.allowInsecureHTTP)
                }
                discovered = document
            } else {
                logger.debug("no usable OpenID discovery document; using the default endpoints",
                            metadata: ["status": "\(answer.status)"])
                discovered = fallback
            }
        } catch let error as IconectError where error.code == .transport || error.code == .timeout {
            throw error
        }
        metadata = discovered
        return discovered
    }
}

extension Credentials {
    /// Whether the grant can be run again to get a new token (a code is single-use; a static token cannot be renewed).
    var isRepeatable: Bool {
        switch self {
        case .password, .clientCredentials: return true
        case .none, .accessToken, .authorizationCode, .refreshToken: return false
        }
    }
}
