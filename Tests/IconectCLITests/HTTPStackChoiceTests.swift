import Foundation
import Iconect
import IconectAsyncHTTPClient
import IconectEmulator
@testable import IconectCLI
import Testing

/// Which HTTP stack `iconect` runs on: `--transport`, else `ICONECT_TRANSPORT`, else the platform's default.
@Suite(.timeLimit(.minutes(5)))
struct HTTPStackChoiceTests {
    @Test func namesAreReadLeniently() {
        #expect(HTTPStack(named: "ahc") == .asyncHTTPClient)
        #expect(HTTPStack(named: " AsyncHTTPClient ") == .asyncHTTPClient)
        #expect(HTTPStack(named: "URLSession") == .urlSession)
        #expect(HTTPStack(named: nil) == HTTPStack.platformDefault)
        #expect(HTTPStack(named: "  ") == HTTPStack.platformDefault)
        #expect(HTTPStack(named: "curl") == nil)
        #expect(HTTPStack(named: "ahc2") == nil)
        #expect(HTTPStack.choices == "ahc or urlsession")
    }

    @Test func linuxDefaultsToAsyncHTTPClient() {
        #if os(Linux)
        #expect(HTTPStack.platformDefault == .asyncHTTPClient, "URLSession on Linux costs twice the CPU per uploaded byte")
        #else
        #expect(HTTPStack.platformDefault == .urlSession)
        #endif
    }

    @Test func theFlagBeatsTheEnvironment() throws {
        let environment = ["ICONECT_TRANSPORT": "ahc"]
        #expect(try CLISession.httpStack("urlsession", environment: environment) == .urlSession)
        #expect(try CLISession.httpStack(nil, environment: environment) == .asyncHTTPClient)
        #expect(try CLISession.httpStack(nil, environment: ["ICONECT_TRANSPORT": "urlsession"]) == .urlSession)
        #expect(try CLISession.httpStack(nil, environment: [:]) == HTTPStack.platformDefault)
        #expect(try CLISession.httpStack(nil, environment: ["ICONECT_TRANSPORT": ""]) == HTTPStack.platformDefault)
    }

    @Test func anUnknownStackIsATypedErrorNamingItsSetting() {
        let flag = #expect(throws: IconectError.self) { try CLISession.httpStack("curl", environment: [:]) }
        #expect(flag?.code == .validation)
        #expect(flag?.fieldErrors["--transport"] != nil)
        #expect(flag?.message.contains("\"curl\" is not ahc or urlsession") == true)

        let variable = #expect(throws: IconectError.self) { try CLISession.httpStack(nil, environment: ["ICONECT_TRANSPORT": "nio"]) }
        #expect(variable?.code == .invalidConfiguration)
        #expect(variable?.fieldErrors["ICONECT_TRANSPORT"] != nil)
    }

    /// The real binary, as a user runs it: the stack it says it uses, and a bad name refused before any request.
    @Test func theBinaryRunsOnTheStackItIsGiven() async throws {
        try await withCLIEmulator { emulator, _, cli in
            let search = ["search", "--project", emulator.seed.projectId, "--limit", "1", "--verbose"]
            let chosen = try await cli.run(search + ["--transport", "urlsession"])
            #expect(chosen.status == 0, "\(chosen.stderr)")
            #expect(chosen.stderr.contains("HTTP stack: urlsession"))

            var fromEnvironment = cli
            fromEnvironment.environment["ICONECT_TRANSPORT"] = "urlsession"
            let variable = try await fromEnvironment.run(search)
            #expect(variable.status == 0, "\(variable.stderr)")
            #expect(variable.stderr.contains("HTTP stack: urlsession"))

            let byDefault = try await cli.run(search)
            #expect(byDefault.status == 0, "\(byDefault.stderr)")
            #expect(byDefault.stderr.contains("HTTP stack: \(HTTPStack.platformDefault.rawValue)"))

            let before = emulator.stats().totalRequests
            let refused = try await cli.run(search + ["--transport", "curl"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("--transport"))
            #expect(emulator.stats().totalRequests == before, "nothing is sent on a stack that does not exist")
        }
    }
}
