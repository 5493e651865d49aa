import Foundation

// The JSON bodies of the operations whose arguments are not a model of their own. `nil` members are left out.

struct DuplicateFieldRequest: Encodable {
    var sourceFieldId: String
    var targetProjectId: String
    var newName: String?
    var newDisplayName: String?
}

/// `POST /{views,panels,dashboards}/{id}/duplicate`.
struct DuplicateRequest: Encodable {
    var newName: String
    var newDisplayName: String?
    var targetProjectId: String?
    var targetFolderId: String?
}

struct MoveFolderRequest: Encodable {
    var newParentId: String?
}

struct CopyFolderRequest: Encodable {
    var targetParentId: String?
    var newName: String?
    var includeContents: Bool?
    var targetProjectId: String?
}

/// `POST /{views,panels}/{id}/data` and `POST /dashboards/{id}/widgets/{widgetId}/data`.
struct DataRequest: Encodable {
    var filters: JSONValue?
    var sorting: [SortField]?
    var dateRange: DateRange?

    init(filter: Filter, sorting: [SortField] = [], dateRange: DateRange? = nil) {
        filters = filter.isEmpty ? nil : filter.json
        self.sorting = sorting.isEmpty ? nil : sorting
        self.dateRange = dateRange
    }
}

/// `POST /{views,panels,dashboards}/{id}/export`.
struct ExportRequest: Encodable {
    var format: ExportFormat
    var filters: JSONValue?
    var limit: Int?
    var includeData: Bool?
}

struct ShareViewRequest: Encodable {
    var isPublic: Bool
    var expiresAt: Date?
    var allowAnonymous: Bool?
}

struct ShareDashboardRequest: Encodable {
    var shareType: ShareType
    var expiresAt: Date?
    var permissions: [String]?
}

struct PreferencesRequest: Encodable {
    var preferences: [String: JSONValue]
}

struct RolesRequest: Encodable {
    var roles: [String]
}

struct ChangePasswordRequest: Encodable {
    var currentPassword: String
    var newPassword: String
    var confirmPassword: String
}

struct ResetPasswordRequest: Encodable {
    var newPassword: String
    var requirePasswordChange: Bool?
}
