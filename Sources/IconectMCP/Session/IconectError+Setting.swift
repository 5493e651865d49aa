import Iconect

extension IconectError {
    /// A setting (an environment variable, an argument of `iconect_configure`) that cannot be used, naming it.
    public static func setting(_ name: String, _ message: String) -> IconectError {
        IconectError(.invalidConfiguration, "\(name): \(message)", fieldErrors: [name: [message]])
    }
}
