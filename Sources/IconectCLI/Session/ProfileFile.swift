import Foundation
import Iconect

/// The config file: named profiles of connection settings and defaults, as JSON.
///
/// ```json
/// {
///   "defaultProfile": "review",
///   "profiles": {
///     "review": {"baseURL": "https://api.review.example.com", "clientId": "loader", "username": "reviewer",
///                "project": "prj-000001", "store": "fst-000001"}
///   }
/// }
/// ```
/// Passwords and tokens are never read from it (the environment or a prompt give them); unknown keys are refused, so a
/// misspelt one is noticed.
struct ProfileFile: Decodable, Sendable, Hashable {
    /// One profile: where the deployment is, who signs in, and the defaults of `--project` and `--store`.
    struct Profile: Decodable, Sendable, Hashable {
        var baseURL: String?
        var identityURL: String?
        var clientId: String?
        var clientSecret: String?
        var username: String?
        var project: String?
        var store: String?
        var allowInsecureHTTP: Bool?

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case baseURL, identityURL, clientId, clientSecret, username, project, store, allowInsecureHTTP
        }

        init(from decoder: any Decoder) throws {
            try ProfileFile.refuseUnknownKeys(in: decoder, known: CodingKeys.allCases.map(\.rawValue))
            let container = try decoder.container(keyedBy: CodingKeys.self)
            baseURL = try container.decodeIfPresent(String.self, forKey: .baseURL)
            identityURL = try container.decodeIfPresent(String.self, forKey: .identityURL)
            clientId = try container.decodeIfPresent(String.self, forKey: .clientId)
            clientSecret = try container.decodeIfPresent(String.self, forKey: .clientSecret)
            username = try container.decodeIfPresent(String.self, forKey: .username)
            project = try container.decodeIfPresent(String.self, forKey: .project)
            store = try container.decodeIfPresent(String.self, forKey: .store)
            allowInsecureHTTP = try container.decodeIfPresent(Bool.self, forKey: .allowInsecureHTTP)
        }

        /// The profile's settings under the names of the `ICONECT_*` variables they stand for.
        var environment: [String: String] {
            typealias Key = IconectConfiguration.EnvironmentKey
            let pairs: [(String, String?)] = [
                (Key.baseURL, baseURL), (Key.identityURL, identityURL), (Key.clientId, clientId),
                (Key.clientSecret, clientSecret), (Key.username, username),
                (Key.allowInsecureHTTP, allowInsecureHTTP.map { $0 ? "true" : "false" }),
            ]
            return Dictionary(uniqueKeysWithValues: pairs.compactMap { key, value in value.map { (key, $0) } })
        }
    }

    var defaultProfile: String?
    var profiles: [String: Profile]

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case defaultProfile, profiles
    }

    init(from decoder: any Decoder) throws {
        try Self.refuseUnknownKeys(in: decoder, known: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        defaultProfile = try container.decodeIfPresent(String.self, forKey: .defaultProfile)
        profiles = try container.decodeIfPresent([String: Profile].self, forKey: .profiles) ?? [:]
    }

    /// Where the file is: `ICONECT_CONFIG`, else `$XDG_CONFIG_HOME/iconect/config.json`, else `~/.config/iconect/config.json`.
    static func defaultLocation(environment: [String: String]) -> URL {
        if let path = environment["ICONECT_CONFIG"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        return base.appendingPathComponent("iconect").appendingPathComponent("config.json")
    }

    /// Reads the file at `url`; nil when there is none.
    /// - Throws: ``IconectError/Code/invalidConfiguration`` naming the file and what is wrong in it.
    static func load(from url: URL) throws -> ProfileFile? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(ProfileFile.self, from: Data(contentsOf: url))
        } catch let error as IconectError {
            throw IconectError(.invalidConfiguration, "\(url.path): \(error.message)", fieldErrors: error.fieldErrors)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw IconectError(.invalidConfiguration, "\(url.path): \(path.isEmpty ? "" : path + ": ")\(context.debugDescription)")
        } catch {
            throw IconectError(.invalidConfiguration, "\(url.path): \(error)")
        }
    }

    /// Throws for a key the format does not have, with a special word for secrets.
    fileprivate static func refuseUnknownKeys(in decoder: any Decoder, known: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys.map(\.stringValue).sorted() where !known.contains(key) {
            let path = (decoder.codingPath.map(\.stringValue) + [key]).joined(separator: ".")
            if ["password", "accesstoken", "token"].contains(key.lowercased()) {
                throw IconectError(.invalidConfiguration, "\(path): passwords and tokens are never read from the config file; "
                                   + "set ICONECT_PASSWORD (or ICONECT_ACCESS_TOKEN), or answer the prompt", fieldErrors: [path: ["secret"]])
            }
            throw IconectError(.invalidConfiguration, "\(path) is not a setting (known: \(known.joined(separator: ", ")))",
                               fieldErrors: [path: ["unknown"]])
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
