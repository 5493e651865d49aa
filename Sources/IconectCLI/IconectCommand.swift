import ArgumentParser
import Iconect

/// `iconect`: the command-line tool for the jobs people run every day against iCONECT: loading files, exporting search
/// results, bulk coding. Each subcommand streams in constant memory and exits non-zero when anything failed. The
/// executable's `@main` root command takes this configuration; a new subcommand is one file and one entry here.
public enum IconectCommandLine {
    public static let configuration = CommandConfiguration(
        commandName: "iconect",
        abstract: "Upload, download, search, bulk-code and import iCONECT records, and follow jobs, from the command line.",
        discussion: """
            Connection: the ICONECT_* variables (ICONECT_BASE_URL, ICONECT_CLIENT_ID, ICONECT_CLIENT_SECRET, \
            ICONECT_USERNAME, ICONECT_PASSWORD, ICONECT_ACCESS_TOKEN, ...) and named profiles in \
            ~/.config/iconect/config.json (--profile, ICONECT_PROFILE). Without ICONECT_PASSWORD, the password is asked \
            for on the terminal, without echo; it is never taken from the command line. --emulator runs any subcommand \
            against an emulator started in the process, for a demo.
            """,
        version: IconectClient.version,
        subcommands: [UploadCommand.self, DownloadCommand.self, SearchCommand.self, BulkCommand.self, JobsCommand.self,
                      ImportCommand.self])
}
