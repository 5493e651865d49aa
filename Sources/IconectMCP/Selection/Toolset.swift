/// A short name for one area of the catalogue, for `ICONECT_TOOLSETS`: `records` serves the catalogue's "Records,
/// search, relationships, bulk ops" tools. The names follow the API's paths (`/dataservers`, `/filestores`).
public struct Toolset: Sendable, Hashable {
    /// The name in `ICONECT_TOOLSETS` (`records`).
    public let name: String
    /// The catalogue area (``ToolSchema/area``) it stands for.
    public let area: String

    /// Every toolset, one per catalogue area, in the catalogue's order.
    public static let all: [Toolset] = [
        Toolset(name: "configure", area: "iconect_configure"),
        Toolset(name: "auth", area: "Auth"),
        Toolset(name: "dataservers", area: "Data servers"),
        Toolset(name: "projects", area: "Projects"),
        Toolset(name: "clients", area: "Clients"),
        Toolset(name: "filestores", area: "File stores"),
        Toolset(name: "files", area: "Files, plain upload, chunked upload, download"),
        Toolset(name: "records", area: "Records, search, relationships, bulk ops"),
        Toolset(name: "fields", area: "Fields"),
        Toolset(name: "folders", area: "Folders"),
        Toolset(name: "jobs", area: "Jobs, job queues, job templates, job schedules"),
        Toolset(name: "panels", area: "Panels"),
        Toolset(name: "templates", area: "Templates (document/email/report templates)"),
        Toolset(name: "views", area: "Views"),
        Toolset(name: "users", area: "Users"),
        Toolset(name: "dashboards", area: "Dashboards & widgets"),
        Toolset(name: "themes", area: "Themes"),
    ]

    /// The toolset of a catalogue area.
    public static func of(area: String) -> Toolset? {
        all.first { $0.area == area }
    }

    /// The toolset called `name`.
    public static func named(_ name: String) -> Toolset? {
        all.first { $0.name == name }
    }
}
