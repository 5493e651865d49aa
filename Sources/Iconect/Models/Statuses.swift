/// The lifecycle of a data server or file store.
public struct ServiceStatus: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let active = ServiceStatus(rawValue: "active")
    public static let inactive = ServiceStatus(rawValue: "inactive")
    public static let maintenance = ServiceStatus(rawValue: "maintenance")
    public static let knownValues: [ServiceStatus] = [.active, .inactive, .maintenance]
}

/// The lifecycle of a client (a law firm or corporation whose matters are hosted).
public struct ClientStatus: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let active = ClientStatus(rawValue: "active")
    public static let inactive = ClientStatus(rawValue: "inactive")
    public static let knownValues: [ClientStatus] = [.active, .inactive]
}

/// The lifecycle of a project (a matter or review database).
public struct ProjectStatus: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let active = ProjectStatus(rawValue: "active")
    public static let inactive = ProjectStatus(rawValue: "inactive")
    public static let archived = ProjectStatus(rawValue: "archived")
    public static let knownValues: [ProjectStatus] = [.active, .inactive, .archived]
}

/// Where a file store keeps its bytes.
public struct FileStoreType: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let local = FileStoreType(rawValue: "local")
    public static let s3 = FileStoreType(rawValue: "s3")
    public static let azure = FileStoreType(rawValue: "azure")
    public static let gcp = FileStoreType(rawValue: "gcp")
    public static let knownValues: [FileStoreType] = [.local, .s3, .azure, .gcp]
}
