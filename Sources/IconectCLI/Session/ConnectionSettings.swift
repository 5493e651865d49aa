import Foundation
import Iconect

/// Where the CLI's connection comes from, resolved once per run.
///
/// Each setting is taken from, in order: the profile named by `--profile` or `ICONECT_PROFILE` (an explicit choice beats
/// the environment); the `ICONECT_*` variables; the file's `defaultProfile`. The password comes from `ICONECT_PASSWORD`
/// or, on a terminal, a prompt that does not echo; never from the command line or the file.
struct ConnectionSettings: Sendable {
    let configuration: IconectConfiguration
    /// The chosen profile's defaults for `--project` and `--store`.
    let profile: ProfileFile.Profile?

    /// Resolves the settings from the config file at `configPath` (or its default place) and `environment`.
    /// - Parameter askPassword: asks for the password when a username has none; nil when it cannot be asked.
    static func resolve(profileName: String?, configPath: String?, environment: [String: String],
                        askPassword: (_ prompt: String) -> String?) throws -> ConnectionSettings {
        typealias Key = IconectConfiguration.EnvironmentKey
        let location = configPath.map { URL(fileURLWithPath: $0) } ?? ProfileFile.defaultLocation(environment: environment)
        let file = try ProfileFile.load(from: location)
        let explicitName = profileName ?? environment["ICONECT_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        var profile: ProfileFile.Profile?
        if let name = explicitName ?? file?.defaultProfile {
            guard let found = file?.profiles[name] else {
                let known = file.map { $0.profiles.keys.sorted().joined(separator: ", ") } ?? ""
                throw IconectError(.invalidConfiguration, "no profile \"\(name)\" in \(location.path)"
                                   + (known.isEmpty ? "" : " (profiles: \(known))"), fieldErrors: ["profile": [name]])
            }
            profile = found
        }

        let variables = environment.filter { $0.key.hasPrefix("ICONECT_") && !$0.value.isEmpty }
        let fromProfile = profile?.environment ?? [:]
        var merged = explicitName != nil ? variables.merging(fromProfile) { _, chosen in chosen }
                                         : fromProfile.merging(variables) { _, variable in variable }
        guard merged[Key.baseURL] != nil else {
            throw IconectError(.invalidConfiguration, "no server configured: set ICONECT_BASE_URL, add a profile to "
                               + "\(location.path), or pass --emulator for a demo", fieldErrors: [Key.baseURL: ["missing"]])
        }
        if let username = merged[Key.username], merged[Key.password] == nil, merged[Key.accessToken] == nil {
            guard let password = askPassword("Password for \(username) at \(merged[Key.baseURL] ?? ""): "), !password.isEmpty else {
                throw IconectError(.invalidConfiguration, "\(Key.password) is not set and there is no terminal to ask for it on",
                                   fieldErrors: [Key.password: ["missing"]])
            }
            merged[Key.password] = password
        }
        guard let configuration = try IconectConfiguration.fromEnvironment(merged) else {
            throw IconectError(.invalidConfiguration, "no server configured")
        }
        return ConnectionSettings(configuration: configuration, profile: profile)
    }
}
