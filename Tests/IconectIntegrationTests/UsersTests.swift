import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Users against the emulator", .timeLimit(.minutes(5)))
struct UsersTests {
    static let alice = EmulatorUser(username: "alice", password: "alice-password-1")

    static func configuration(seedRecords: Int = 0) -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration(seedRecords: seedRecords)
        configuration.users.append(alice)
        return configuration
    }

    /// A second client of the same emulator, signed in as `username`.
    static func signIn(_ emulator: EmulatorServer, _ username: String, _ password: String, transport: TransportKind) async throws
        -> IconectClient
    {
        var configuration = try IconectConfiguration(baseURL: emulator.baseURL, clientId: "emulator-client", clientSecret: "emulator-secret",
                                                     credentials: .password(username: username, password: Secret(password)))
        configuration.cache.isEnabled = false
        let client = try IconectClient(configuration: configuration, transport: try transport.makeTransport(configuration))
        do {
            _ = try await client.auth.signIn(username: username, password: Secret(password))
        } catch {
            await client.shutdown()
            throw error
        }
        return client
    }

    @Test("list by role and search, get and me with permissions, roles checked", arguments: TransportKind.allCases)
    func directory(transport: TransportKind) async throws {
        try await withEmulator(Self.configuration(seedRecords: 10), transport: transport) { emulator, client in
            let reviewers = try await client.users.list(role: "reviewer", ListOptions(pageSize: 100))
            #expect(Set(reviewers.data.compactMap(\.username)).isSuperset(of: ["demo", "alice", "reviewer1", "reviewer6"]))
            #expect(try await client.users.list(searchQuery: "REVIEWER3").data.compactMap(\.username) == ["reviewer3"])
            #expect(try await client.users.list(department: "Review Team").total == 7)
            let all = try await client.users.paginate(ListOptions(pageSize: 3)).collect()
            #expect(all.count == 9)

            let me = try await client.users.me(includePermissions: true)
            #expect(me.username == "demo")
            #expect(me.effectivePermissions?.contains("users:admin") == true)
            #expect(try await client.users.me().effectivePermissions == nil)

            let reviewer = try #require(all.first { $0.username == "reviewer1" })
            let unknown = try await expectIconectError { try await client.users.updateRoles(userId: reviewer.id, roles: ["overlord"]) }
            #expect(unknown.fieldErrors["roles"] != nil)
            #expect(try await client.users.get(id: reviewer.id).roles == ["reviewer"], "nothing changed")
            let viewer = try await client.users.updateRoles(userId: reviewer.id, roles: ["viewer"])
            #expect(viewer.roles == ["viewer"])
            let records = try await client.users.permissions(userId: reviewer.id, resource: "records")
            #expect(records.permissions.map(\.action) == ["read"])
            #expect(records.permissions.first?.source == "role:viewer")
            #expect(!records.allows("write", on: "records"))
            let reads = try await client.users.permissions(userId: me.id, action: "admin")
            #expect(reads.permissions.allSatisfy { $0.action == "admin" } && reads.allows("admin", on: "users"))
            #expect(try await client.users.get(id: reviewer.id, includePermissions: true).effectivePermissions?.contains("records:write") == false)

            let updated = try await client.users.update(id: reviewer.id, UserChanges(title: "Contract reviewer", status: .suspended))
            #expect(updated.status == .suspended)
            #expect(try await client.users.list(status: .suspended).data.map(\.id) == [reviewer.id])
            let email = try await expectIconectError { try await client.users.update(id: reviewer.id, UserChanges(email: "nope")) }
            #expect(email.fieldErrors["email"] != nil)
        }
    }

    @Test("profile and preferences: updateMe, merges for a user and for me", arguments: TransportKind.allCases)
    func profileAndPreferences(transport: TransportKind) async throws {
        try await withEmulator(Self.configuration(), transport: transport) { emulator, client in
            let me = try await client.users.updateMe(ProfileChanges(firstName: "Dana", title: "Lit support", timezone: "Europe/Berlin"))
            #expect(me.firstName == "Dana")
            #expect(emulator.objects(in: "users").first { $0["username"] == "demo" }?["timezone"] == "Europe/Berlin")
            let first = try await client.users.updateMyPreferences(["theme": "dark", "pageSize": 50])
            #expect(first.preferences == ["theme": "dark", "pageSize": 50])
            let merged = try await client.users.updateMyPreferences(["pageSize": 100, "theme": nil, "density": "compact"])
            #expect(merged.preferences == ["pageSize": 100, "density": "compact"])
            #expect(try await client.users.me(includePreferences: true).preferences == merged.preferences)
            #expect(try await client.users.me().preferences == nil)
            let alice = try #require(try await client.users.list(searchQuery: "alice").data.first)
            let theirs = try await client.users.updatePreferences(userId: alice.id, ["language": "de"])
            #expect(theirs.userId == alice.id)
            #expect(theirs.preferences == ["language": "de"])
        }
    }

    @Test("a changed password signs in and the old one does not; bad changes are refused and change nothing", arguments: TransportKind.allCases)
    func changePassword(transport: TransportKind) async throws {
        try await withEmulator(Self.configuration(), transport: transport) { emulator, client in
            _ = try await client.users.me()
            let mismatch = try await expectIconectError {
                try await client.users.changePassword(current: "demo-password", new: "Fresh-password-2025", confirmation: "Fresh-password-2024")
            }
            #expect(mismatch.fieldErrors["confirmPassword"] != nil)
            #expect(emulator.stats().count("POST", "/v1/users/me/change-password") == 0, "refused before it was sent")
            let wrong = try await expectIconectError {
                try await client.users.changePassword(current: "guess", new: "Fresh-password-2025", confirmation: "Fresh-password-2025")
            }
            #expect(wrong.fieldErrors["currentPassword"] != nil)
            let weak = try await expectIconectError {
                try await client.users.changePassword(current: "demo-password", new: "short1", confirmation: "short1")
            }
            #expect(weak.fieldErrors["newPassword"]?.contains { $0.contains("12 characters") } == true)
            let stillOld = try await Self.signIn(emulator, "demo", "demo-password", transport: transport)
            await stillOld.shutdown()

            try await client.users.changePassword(current: "demo-password", new: "Fresh-password-2025", confirmation: "Fresh-password-2025")
            let fresh = try await Self.signIn(emulator, "demo", "Fresh-password-2025", transport: transport)
            #expect(try await fresh.users.me().username == "demo")
            await fresh.shutdown()
            let old = try await expectIconectError { try await Self.signIn(emulator, "demo", "demo-password", transport: transport) }
            #expect(old.serverCode == "invalid_grant")

            emulator.revokeAllAccessTokens()
            #expect(try await client.users.me().username == "demo", "this client's own grant now sends the new password")
        }
    }

    @Test("an administrator resets a password; a reviewer may not", arguments: TransportKind.allCases)
    func resetPassword(transport: TransportKind) async throws {
        try await withEmulator(Self.configuration(), transport: transport) { emulator, client in
            let alice = try #require(try await client.users.list(searchQuery: "alice").data.first)
            let weak = try await expectIconectError { try await client.users.resetPassword(userId: alice.id, newPassword: "alice") }
            #expect(weak.fieldErrors["newPassword"] != nil)
            try await client.users.resetPassword(userId: alice.id, newPassword: "Temporary-pass-77", requirePasswordChange: true)
            #expect(try await client.users.get(id: alice.id).requirePasswordChange == true)
            let signedIn = try await Self.signIn(emulator, "alice", "Temporary-pass-77", transport: transport)
            let me = try #require(try await signedIn.users.list(searchQuery: "demo").data.first)
            let forbidden = try await expectIconectError { try await signedIn.users.resetPassword(userId: me.id, newPassword: "Hijacked-pass-99") }
            #expect(forbidden.code == .forbidden)
            try await signedIn.users.changePassword(current: "Temporary-pass-77", new: "Own-secret-pass-88", confirmation: "Own-secret-pass-88")
            #expect(try await signedIn.users.me().requirePasswordChange == false)
            await signedIn.shutdown()
            #expect(try await expectIconectError { try await Self.signIn(emulator, "alice", "alice-password-1", transport: transport) }
                .serverCode == "invalid_grant")
        }
    }

    @Test("the token endpoint records sign-ins, refused sign-ins and sign-outs; activity filters by type and date", arguments: TransportKind.allCases)
    func activity(transport: TransportKind) async throws {
        try await withEmulator(Self.configuration(), transport: transport) { emulator, client in
            let alice = try #require(try await client.users.list(searchQuery: "alice").data.first)
            #expect(try await client.users.activity(userId: alice.id).total == 0)
            let session = try await Self.signIn(emulator, "alice", "alice-password-1", transport: transport)
            await session.shutdown()
            _ = try? await expectIconectError { try await Self.signIn(emulator, "alice", "wrong-password", transport: transport) }
            let entries = try await client.users.activity(userId: alice.id)
            #expect(entries.data.map(\.type) == [.error, .login], "newest first")
            #expect(try await client.users.activity(userId: alice.id, type: .login).total == 1)
            #expect(try await client.users.activity(userId: alice.id, startDate: Date(timeIntervalSinceNow: 3600)).total == 0)
            #expect(try await client.users.activity(userId: alice.id, startDate: Date(timeIntervalSinceNow: -3600),
                                                    endDate: Date(timeIntervalSinceNow: 3600)).total == 2)
            #expect(try await client.users.get(id: alice.id).lastLoginDate != nil)
            let all = try await client.users.paginateActivity(userId: alice.id, pageSize: 1).collect()
            #expect(all.count == 2)
            let backwards = try await expectIconectError {
                try await client.users.activity(userId: alice.id, startDate: Date(), endDate: Date(timeIntervalSinceNow: -60))
            }
            #expect(backwards.fieldErrors["endDate"] != nil)
        }
    }
}
