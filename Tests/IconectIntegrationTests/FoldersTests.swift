import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Folders against the emulator", .timeLimit(.minutes(5)))
struct FoldersTests {
    /// A/B/C and D, with `records` records in C and one in A.
    struct Tree {
        let a: Folder, b: Folder, c: Folder, d: Folder
    }

    static func makeTree(_ client: IconectClient, _ projectId: String, recordsInC: Int = 0) async throws -> Tree {
        let a = try await client.folders.create(NewFolder(name: "A", projectId: projectId))
        let b = try await client.folders.create(NewFolder(name: "B", projectId: projectId, parentId: a.id))
        let c = try await client.folders.create(NewFolder(name: "C", projectId: projectId, parentId: b.id))
        let d = try await client.folders.create(NewFolder(name: "D", projectId: projectId))
        for index in 0..<recordsInC {
            _ = try await client.records.create(NewRecord(documentId: "C-\(index)", projectId: projectId,
                                                          fields: ["title": "in C"], folderId: c.id))
        }
        if recordsInC > 0 {
            _ = try await client.records.create(NewRecord(documentId: "A-0", projectId: projectId, fields: [:], folderId: a.id))
        }
        return Tree(a: a, b: b, c: c, d: d)
    }

    static func records(in folderId: String, _ client: IconectClient, _ projectId: String) async throws -> [Record] {
        try await client.records.paginate(RecordQuery(projectId: projectId).folder(folderId)).collect()
    }

    @Test("list, tree, path and get with ancestors, children and stats", arguments: TransportKind.allCases)
    func readTheTree(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let tree = try await Self.makeTree(client, projectId, recordsInC: 3)
            #expect(tree.c.path == "/A/B/C")
            #expect(tree.c.level == 2)
            #expect(try await client.folders.list(projectId: projectId).data.map(\.name) == ["A", "D"])
            #expect(try await client.folders.list(projectId: projectId, parentId: tree.a.id).data.map(\.name) == ["B"])
            let below = try await client.folders.list(projectId: projectId, parentId: tree.a.id, includeSubfolders: true)
            #expect(below.data.map(\.name) == ["B", "C"])
            let shallow = try await client.folders.list(projectId: projectId, parentId: tree.a.id, includeSubfolders: true, depth: 1)
            #expect(shallow.data.map(\.name) == ["B"])
            let everything = try await client.folders.paginate(projectId: projectId, includeSubfolders: true, ListOptions(pageSize: 2)).collect()
            #expect(everything.count == 4)

            let nested = try await client.folders.tree(projectId: projectId, includeStats: true)
            #expect(nested.folders.map(\.name) == ["A", "D"])
            let a = try #require(nested.folders.first)
            #expect(a.children?.first?.children?.first?.name == "C")
            #expect(a.stats?.recordCount == 1)
            #expect(a.stats?.totalRecordCount == 4)
            #expect(a.stats?.descendantCount == 2)
            let cut = try await client.folders.tree(projectId: projectId, rootFolderId: tree.b.id, maxDepth: 1)
            #expect(cut.folders.map(\.name) == ["B"])
            #expect(cut.folders.first?.children == [])

            let path = try await client.folders.path(id: tree.c.id)
            #expect(path.path == "/A/B/C")
            #expect(path.folders.map(\.name) == ["A", "B", "C"])
            let c = try await client.folders.get(id: tree.c.id, includeAncestors: true, includeChildren: true, includeStats: true)
            #expect(c.ancestors?.map(\.name) == ["A", "B"])
            #expect(c.children == [])
            #expect(c.stats?.recordCount == 3)
            #expect(c.stats?.totalRecordCount == 3)
            #expect(c.stats?.subfolderCount == 0)
        }
    }

    @Test("move re-paths the subtree; moving a folder into its own subtree is a conflict that changes nothing", arguments: TransportKind.allCases)
    func move(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let tree = try await Self.makeTree(client, projectId)
            let moved = try await client.folders.move(id: tree.b.id, newParentId: tree.d.id)
            #expect(moved.path == "/D/B")
            #expect(try await client.folders.get(id: tree.c.id).path == "/D/B/C")
            #expect(try await client.folders.get(id: tree.c.id).level == 2)

            let cycle = try await expectIconectError { try await client.folders.move(id: tree.d.id, newParentId: tree.c.id) }
            #expect(cycle.code == .conflict)
            #expect(cycle.status == 409)
            let d = try await client.folders.get(id: tree.d.id)
            #expect(d.parentId == nil)
            #expect(d.path == "/D")
            let itself = try await expectIconectError { try await client.folders.move(id: tree.d.id, newParentId: tree.d.id) }
            #expect(itself.fieldErrors["newParentId"] != nil)

            let top = try await client.folders.move(id: tree.b.id, newParentId: nil)
            #expect(top.path == "/B")
            #expect(top.level == 0)
            let renamed = try await client.folders.update(id: tree.b.id, FolderChanges(name: "Bee", description: "renamed"))
            #expect(renamed.path == "/Bee")
            #expect(try await client.folders.get(id: tree.c.id).path == "/Bee/C")
            let clash = try await expectIconectError { try await client.folders.update(id: tree.b.id, FolderChanges(name: "A")) }
            #expect(clash.code == .conflict)
            let tooDeep = try await expectIconectError { try await client.folders.list(projectId: projectId, depth: 11) }
            #expect(tooDeep.fieldErrors["depth"] != nil)
            let badDepth = try await expectIconectError { try await client.folders.tree(projectId: projectId, maxDepth: 21) }
            #expect(badDepth.fieldErrors["maxDepth"] != nil)
        }
    }

    @Test("copy takes the subtree, with its records only when asked, and into another project", arguments: TransportKind.allCases)
    func copy(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let seed = emulator.seed
            let tree = try await Self.makeTree(client, seed.projectId, recordsInC: 2)
            let withRecords = try await client.folders.copy(id: tree.a.id, includeContents: true)
            #expect(withRecords.name == "A (copy)")
            #expect(withRecords.stats?.totalRecordCount == 3)
            let copiedTree = try await client.folders.tree(projectId: seed.projectId, rootFolderId: withRecords.id)
            let copiedC = try #require(copiedTree.folders.first?.children?.first?.children?.first)
            #expect(copiedC.path == "/A (copy)/B/C")
            #expect(try await Self.records(in: copiedC.id, client, seed.projectId).compactMap(\.documentId).sorted() == ["C-0", "C-1"])
            #expect(try await Self.records(in: tree.c.id, client, seed.projectId).count == 2, "the originals stay")

            let bare = try await client.folders.copy(id: tree.b.id, targetParentId: tree.d.id, newName: "B2")
            #expect(bare.path == "/D/B2")
            #expect(bare.stats?.totalRecordCount == 0)

            let other = try await client.projects.create(NewProject(name: "M2", clientId: seed.clientId, dataServerId: seed.dataServerId))
            let moved = try await client.folders.copy(id: tree.a.id, includeContents: true, targetProjectId: other.id)
            #expect(moved.projectId == other.id)
            #expect(moved.path == "/A")
            #expect(try await client.records.search(RecordQuery(projectId: other.id)).total == 3)
            let intoItself = try await expectIconectError { try await client.folders.copy(id: tree.a.id, targetParentId: tree.c.id) }
            #expect(intoItself.code == .conflict)
        }
    }

    @Test("a non-empty folder is not deleted without recursive or moveContentsTo; both do what they say", arguments: TransportKind.allCases)
    func delete(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let tree = try await Self.makeTree(client, projectId, recordsInC: 2)
            let refused = try await expectIconectError { try await client.folders.delete(id: tree.a.id) }
            #expect(refused.code == .conflict)
            #expect(emulator.objects(in: "folders").count == 4, "nothing deleted")

            try await client.folders.delete(id: tree.b.id, moveContentsTo: tree.d.id)
            #expect(try await client.folders.get(id: tree.c.id).path == "/D/C")
            #expect(try await expectIconectError { try await client.folders.get(id: tree.b.id) }.code == .notFound)
            #expect(try await Self.records(in: tree.c.id, client, projectId).count == 2)
            try await client.folders.delete(id: tree.c.id, moveContentsTo: tree.a.id)
            #expect(try await Self.records(in: tree.a.id, client, projectId).count == 3, "C's records moved into A")

            let intoOwn = try await expectIconectError { try await client.folders.delete(id: tree.d.id, moveContentsTo: tree.d.id) }
            #expect(intoOwn.code == .conflict)
            try await client.folders.delete(id: tree.a.id, recursive: true)
            #expect(emulator.objects(in: "folders").map { $0["name"]?.stringValue } == ["D"])
            let unfiled = try await client.records.paginate(RecordQuery(projectId: projectId)).collect()
            #expect(unfiled.count == 3, "records stay in the project")
            #expect(unfiled.allSatisfy { $0.folderId == nil })
            try await client.folders.delete(id: tree.d.id)
            #expect(emulator.objects(in: "folders").isEmpty)
        }
    }
}
