import Foundation

/// A folder of a project's records. Folders form a tree: ``path`` is `/Parent/Child`, ``level`` 0 at the top.
///
/// ``ancestors``, ``children`` and ``stats`` come back when asked for (`FoldersResource.get(id:includeAncestors:...)`,
/// `tree(projectId:...)`).
public struct Folder: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    /// The parent folder; `nil` at the top of the project.
    public var parentId: String?
    public var projectId: String?
    public var path: String?
    public var level: Int?
    public var isSystem: Bool?
    /// `{canRead, canWrite, canDelete, canCreateSubfolders}`, and whatever else the deployment adds.
    public var permissions: [String: JSONValue]?
    public var metadata: [String: JSONValue]?
    public var createdDate: Date?
    public var modifiedDate: Date?
    /// The folders above this one, top first.
    public var ancestors: [Folder]?
    /// The folders directly below this one (in a tree, each with its own children).
    public var children: [Folder]?
    public var stats: FolderStats?
}

/// Record counts of a folder.
public struct FolderStats: Codable, Sendable, Hashable {
    /// Records filed directly in the folder.
    public var recordCount: Int
    /// Records in the folder and every folder below it.
    public var totalRecordCount: Int
    /// Folders directly below it.
    public var subfolderCount: Int
    /// Folders anywhere below it.
    public var descendantCount: Int
}

/// A project's folders as a tree (`iconect_get_folder_tree`): the top folders (or the chosen root), each with its
/// ``Folder/children``.
public struct FolderTree: Codable, Sendable, Hashable {
    public var projectId: String
    public var rootFolderId: String?
    public var folders: [Folder]
}

/// The folders from the top of the project down to one folder (`iconect_get_folder_path`).
public struct FolderPath: Codable, Sendable, Hashable {
    public var folderId: String
    /// `/Parent/Child`.
    public var path: String
    /// Top first, the folder itself last.
    public var folders: [Folder]
}

/// A new folder.
public struct NewFolder: Encodable, Sendable, Hashable {
    public var name: String
    public var projectId: String
    public var parentId: String?
    public var description: String?
    public var permissions: [String: JSONValue]?
    public var metadata: [String: JSONValue]?

    public init(name: String, projectId: String, parentId: String? = nil, description: String? = nil,
                permissions: [String: JSONValue]? = nil, metadata: [String: JSONValue]? = nil) {
        self.name = name
        self.projectId = projectId
        self.parentId = parentId
        self.description = description
        self.permissions = permissions
        self.metadata = metadata
    }
}

/// Changes to a folder; `nil` leaves a member as it is. A new `parentId` moves the folder (as `move` does).
public struct FolderChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var description: String?
    public var parentId: String?
    public var permissions: [String: JSONValue]?
    public var metadata: [String: JSONValue]?

    public init(name: String? = nil, description: String? = nil, parentId: String? = nil,
                permissions: [String: JSONValue]? = nil, metadata: [String: JSONValue]? = nil) {
        self.name = name
        self.description = description
        self.parentId = parentId
        self.permissions = permissions
        self.metadata = metadata
    }
}
