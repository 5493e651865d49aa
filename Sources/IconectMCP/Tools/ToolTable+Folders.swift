import Iconect
import MCP

/// Folders.
extension ToolTable {
    static let folders: [MCPTool] = [
        MCPTool("iconect_list_folders") { arguments, context in
            try await .encoding(context.client.folders.list(
                projectId: arguments.requiredString("projectId"), parentId: arguments.string("parentId"),
                includeSubfolders: arguments.bool("includeSubfolders"), depth: arguments.int("depth"),
                isSystem: arguments.bool("isSystem"), arguments.pagingOptions()))
        },
        MCPTool("iconect_get_folder") { arguments, context in
            try await .encoding(context.client.folders.get(
                id: arguments.requiredString("id"), includeAncestors: arguments.bool("includeAncestors"),
                includeChildren: arguments.bool("includeChildren"), includeStats: arguments.bool("includeStats")))
        },
        MCPTool("iconect_create_folder") { arguments, context in
            try await .encoding(context.client.folders.create(NewFolder(
                name: arguments.requiredString("name"), projectId: arguments.requiredString("projectId"),
                parentId: arguments.string("parentId"), description: arguments.string("description"),
                permissions: arguments.object("permissions"), metadata: arguments.object("metadata"))))
        },
        MCPTool("iconect_update_folder") { arguments, context in
            try await .encoding(context.client.folders.update(id: arguments.requiredString("id"), FolderChanges(
                name: arguments.string("name"), description: arguments.string("description"), parentId: arguments.string("parentId"),
                permissions: arguments.object("permissions"), metadata: arguments.object("metadata"))))
        },
        MCPTool("iconect_delete_folder") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.folders.delete(id: id, recursive: arguments.bool("recursive"),
                                                    moveContentsTo: arguments.string("moveContentsTo"))
            return .deleted(id)
        },
        MCPTool("iconect_move_folder") { arguments, context in
            try await .encoding(context.client.folders.move(id: arguments.requiredString("id"), newParentId: arguments.string("newParentId")))
        },
        MCPTool("iconect_copy_folder") { arguments, context in
            try await .encoding(context.client.folders.copy(
                id: arguments.requiredString("id"), targetParentId: arguments.string("targetParentId"),
                newName: arguments.string("newName"), includeContents: arguments.bool("includeContents"),
                targetProjectId: arguments.string("targetProjectId")))
        },
        MCPTool("iconect_get_folder_tree") { arguments, context in
            try await .encoding(context.client.folders.tree(
                projectId: arguments.requiredString("projectId"), rootFolderId: arguments.string("rootFolderId"),
                maxDepth: arguments.int("maxDepth"), includeStats: arguments.bool("includeStats")))
        },
        MCPTool("iconect_get_folder_path") { arguments, context in
            try await .encoding(context.client.folders.path(id: arguments.requiredString("id")))
        },
    ]
}
