#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func readFile(_ path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else { throw ClientError(description: "cannot open \(path)") }
    defer { fclose(file) }
    var bytes = [UInt8](), chunk = [UInt8](repeating: 0, count: 65536)
    while case let n = fread(&chunk, 1, chunk.count, file), n > 0 { bytes += chunk[..<n] }
    return bytes
}
