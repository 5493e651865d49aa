import Foundation
import Iconect
@testable import IconectCLI
import Testing

/// Where the CLI's connection comes from: profiles in the config file, the environment, the password prompt.
struct ConnectionSettingsTests {
    let directory: URL

    init() throws {
        directory = try makeScratchDirectory()
    }

    private func writeConfig(_ text: String) throws -> String {
        let url = directory.appendingPathComponent("config.json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private let file = """
        {"defaultProfile": "review", "profiles": {
          "review": {"baseURL": "https://review.example.com", "clientId": "loader", "username": "reviewer", "project": "prj-1", "store": "fst-1"},
          "staging": {"baseURL": "https://staging.example.com", "clientId": "loader", "clientSecret": "s3cret"}
        }}
        """

    @Test func theDefaultProfileYieldsToTheEnvironment() throws {
        let path = try writeConfig(file)
        let settings = try ConnectionSettings.resolve(
            profileName: nil, configPath: path,
            environment: ["ICONECT_BASE_URL": "https://env.example.com", "ICONECT_PASSWORD": "pw"], askPassword: { _ in nil })
        #expect(settings.configuration.baseURL.absoluteString == "https://env.example.com")
        #expect(settings.configuration.credentials == .password(username: "reviewer", password: "pw"))
        #expect(settings.profile?.project == "prj-1")
    }

    @Test func anExplicitProfileBeatsTheEnvironment() throws {
        let path = try writeConfig(file)
        let settings = try ConnectionSettings.resolve(
            profileName: "staging", configPath: path, environment: ["ICONECT_BASE_URL": "https://env.example.com"],
            askPassword: { _ in nil })
        #expect(settings.configuration.baseURL.absoluteString == "https://staging.example.com")
        #expect(settings.configuration.credentials == .clientCredentials)
        let viaVariable = try ConnectionSettings.resolve(
            profileName: nil, configPath: path, environment: ["ICONECT_PROFILE": "staging"], askPassword: { _ in nil })
        #expect(viaVariable.configuration.baseURL.host == "staging.example.com")
    }

    @Test func aMissingPasswordIsAskedForAndNeverTakenFromTheFile() throws {
        let path = try writeConfig(file)
        var prompts: [String] = []
        let settings = try ConnectionSettings.resolve(profileName: "review", configPath: path, environment: [:]) { prompt in
            prompts.append(prompt)
            return "typed"
        }
        #expect(prompts == ["Password for reviewer at https://review.example.com: "])
        #expect(settings.configuration.credentials == .password(username: "reviewer", password: "typed"))

        let noTerminal = #expect(throws: IconectError.self) {
            try ConnectionSettings.resolve(profileName: "review", configPath: path, environment: [:], askPassword: { _ in nil })
        }
        #expect(noTerminal?.message.contains("ICONECT_PASSWORD") == true)

        let withPassword = try writeConfig(#"{"profiles": {"p": {"baseURL": "https://x.example.com", "password": "no"}}}"#)
        let refused = #expect(throws: IconectError.self) {
            try ConnectionSettings.resolve(profileName: "p", configPath: withPassword, environment: [:], askPassword: { _ in nil })
        }
        #expect(refused?.message.contains("profiles.p.password") == true)
        #expect(refused?.message.contains("never read from the config file") == true)
    }

    @Test func mistakesNameWhatIsWrong() throws {
        let path = try writeConfig(#"{"profiles": {"p": {"baseUrl": "https://x.example.com"}}}"#)
        let typo = #expect(throws: IconectError.self) {
            try ConnectionSettings.resolve(profileName: "p", configPath: path, environment: [:], askPassword: { _ in nil })
        }
        #expect(typo?.message.contains("profiles.p.baseUrl is not a setting") == true)

        let unknown = #expect(throws: IconectError.self) {
            try ConnectionSettings.resolve(profileName: "nope", configPath: try writeConfig(file), environment: [:], askPassword: { _ in nil })
        }
        #expect(unknown?.message.contains("no profile \"nope\"") == true && unknown?.message.contains("review, staging") == true)

        let nothing = #expect(throws: IconectError.self) {
            try ConnectionSettings.resolve(profileName: nil, configPath: directory.appendingPathComponent("absent.json").path,
                                           environment: [:], askPassword: { _ in nil })
        }
        #expect(nothing?.message.contains("--emulator") == true)
    }

    @Test func theConfigFileLivesUnderTheUsersConfigDirectory() {
        #expect(ProfileFile.defaultLocation(environment: ["XDG_CONFIG_HOME": "/cfg"]).path == "/cfg/iconect/config.json")
        #expect(ProfileFile.defaultLocation(environment: ["ICONECT_CONFIG": "/etc/ic.json", "XDG_CONFIG_HOME": "/cfg"]).path == "/etc/ic.json")
        #expect(ProfileFile.defaultLocation(environment: [:]).path.hasSuffix("/.config/iconect/config.json"))
    }
}
