import Foundation
import Iconect
import MCP

/// Auth: sign-in, sign-out and status. Answers carry the sign-in status, never a token or a secret.
extension ToolTable {
    static let auth: [MCPTool] = [
        MCPTool("iconect_auth_password") { arguments, context in
            try await .encoding(context.client.auth.signIn(
                username: arguments.requiredString("username"), password: Secret(arguments.requiredString("password"))))
        },
        MCPTool("iconect_auth_code") { arguments, context in
            try await .encoding(context.client.auth.exchange(
                code: arguments.requiredString("authCode"), codeVerifier: arguments.string("codeVerifier")))
        },
        MCPTool("iconect_refresh_token") { arguments, context in
            try await .encoding(context.client.auth.signIn(refreshToken: Secret(arguments.requiredString("refreshToken"))))
        },
        MCPTool("iconect_generate_auth_url") { arguments, context in
            let text = try arguments.requiredString("redirectUri")
            guard !MCPSession.hasUserInfo(text) else {
                throw ToolArgumentError("redirectUri", "redirectUri must not contain a user name or password (user:password@)")
            }
            guard let redirect = URL(string: text), redirect.scheme != nil else {
                throw ToolArgumentError("redirectUri", "redirectUri must be an absolute URI, got \"\(text)\"")
            }
            let request = try await context.client.auth.authorizationRequest(
                redirectURI: redirect, state: arguments.string("state"), codeChallenge: arguments.string("codeChallenge"))
            // The verifier stays here for iconect_auth_code: it never travels through the model.
            return .object([
                "url": .string(request.url.absoluteString), "state": .string(request.state),
                "redirectUri": .string(request.redirectURI.absoluteString), "codeChallengeMethod": "S256",
                "codeVerifierKept": .bool(request.codeVerifier != nil),
            ])
        },
        MCPTool("iconect_logout", needsClient: false) { _, context in
            guard let client = context.clientIfConfigured else { return .object(["loggedOut": true, "configured": false]) }
            await client.auth.logout()
            return .object(["loggedOut": true, "configured": true])
        },
        MCPTool("iconect_get_auth_status", needsClient: false) { _, context in
            guard let client = context.clientIfConfigured,
                case .object(var members) = try ToolOutput.encoding(await client.auth.status()).value
            else {
                return .object(["configured": false, "isAuthenticated": false,
                                "message": "not configured: set ICONECT_BASE_URL and ICONECT_CLIENT_ID for iconect-mcp, or call iconect_configure"])
            }
            members["configured"] = true
            if let connection = await context.session.currentConnection() {
                members["baseUrl"] = .string(connection.baseURL)
                members["credentials"] = .string(connection.credentials)
            }
            return .object(members)
        },
    ]
}
