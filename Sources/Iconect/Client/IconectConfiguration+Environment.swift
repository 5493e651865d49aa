import Foundation

extension IconectConfiguration {
    /// The environment variables ``fromEnvironment(_:)`` reads.
    public enum EnvironmentKey {
        public static let baseURL = "ICONECT_BASE_URL"
        public static let identityURL = "ICONECT_IDENTITY_URL"
        public static let clientId = "ICONECT_CLIENT_ID"
        public static let clientSecret = "ICONECT_CLIENT_SECRET"
        public static let username = "ICONECT_USERNAME"
        public static let password = "ICONECT_PASSWORD"
        public static let accessToken = "ICONECT_ACCESS_TOKEN"
        public static let allowInsecureHTTP = "ICONECT_ALLOW_INSECURE_HTTP"
    }

    /// Reads a configuration from environment variables.
    ///
    /// `ICONECT_BASE_URL` is required. Credentials are chosen in this order: `ICONECT_ACCESS_TOKEN`; `ICONECT_USERNAME` with
    /// `ICONECT_PASSWORD` (password grant); `ICONECT_CLIENT_SECRET` alone (client-credentials grant); otherwise none.
    /// - Returns: `nil` when `ICONECT_BASE_URL` is not set, so a caller can fall back (the examples start the emulator).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> IconectConfiguration?
    {
        func value(_ key: String) -> String? {
            guard let text = environment[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        guard let base = value(EnvironmentKey.baseURL) else { return nil }
        let secret = value(EnvironmentKey.clientSecret).map { Secret($0) }
        let credentials: Credentials
        if let token = value(EnvironmentKey.accessToken) {
            credentials = .accessToken(Secret(token))
        } else if let username = value(EnvironmentKey.username) {
            guard let password = value(EnvironmentKey.password) else {
                throw IconectError.invalidConfiguration(EnvironmentKey.password, "is required with \(EnvironmentKey.username)")
            }
            credentials = .password(username: username, password: Secret(password))
        } else if secret != nil {
            credentials = .clientCredentials
        } else {
            credentials = .none
        }
        let insecure = ["1", "true", "yes"].contains(value(EnvironmentKey.allowInsecureHTTP)?.lowercased() ?? "")
        return try IconectConfiguration(
            baseURL: base, clientId: value(EnvironmentKey.clientId), clientSecret: secret, credentials: credentials,
            identityURL: value(EnvironmentKey.identityURL), allowInsecureHTTP: insecure)
    }
}
