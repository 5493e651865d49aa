/// A user the password grant accepts; the first configured user is the one `/openid/authorize` auto-approves.
public struct EmulatorUser: Sendable, Hashable {
    /// The login name, used as the token subject.
    public var username: String
    /// The password.
    public var password: String

    /// Creates a user.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}
