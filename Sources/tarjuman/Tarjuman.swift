import ArgumentParser
import ICUBridge

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct Tarjuman: ParsableCommand {
    static let version = "0.1.0"

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "tarjuman",
            abstract: "Arabic names to English: normalization, tokens, glossaries.",
            version: "tarjuman \(version) (ICU \(ICU.version))",
            subcommands: [Build.self, Lookup.self, Check.self, Variants.self, Normalize.self, Tokens.self, Translit.self, Schemes.self, KB.self, Model.self]
        )
    }

    /// Runs the command; a usage error is one line on standard error and exit 64, a failure
    /// the command already reported ends with its own exit code.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            let message = self.message(for: error)
                .split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? "\(error)"
            Diagnostics.error(message + " (see 'tarjuman --help')")
            Glibc.exit(code.rawValue == ExitCode.failure.rawValue ? 64 : code.rawValue)
        }
    }
}
