/// The peer the `peer` scenario measures the SDK against: what a developer would write in twenty lines of Python with
/// `requests` (4 threads, 8 MiB chunks each read and hashed with SHA-256 by its thread, one session per thread). It prints
/// the seconds from initiate to complete, the CPU seconds its process spent meanwhile (start-up and imports excluded, as
/// they are from its clock), and the stored file's id.
enum PeerScript {
    static let source = #"""
    import concurrent.futures, hashlib, os, sys, threading, time, requests
    api, token, path, project, store = sys.argv[1:6]
    CHUNK, auth, local = 8 << 20, {"Authorization": "Bearer " + token}, threading.local()
    size, start, cpu = os.path.getsize(path), time.monotonic(), time.process_time()
    body = {"fileName": "peer.bin", "fileSize": size, "projectId": project, "fileStoreId": store, "chunkSize": CHUNK}
    session = requests.post(api + "/files/upload/chunked/initiate", json=body, headers=auth)
    session.raise_for_status()
    sid = session.json()["id"]
    def put(number):
        local.s = getattr(local, "s", None) or requests.Session()
        with open(path, "rb") as f:
            f.seek(number * CHUNK)
            data = f.read(CHUNK)
        headers = {**auth, "Content-Type": "application/octet-stream", "X-Chunk-SHA256": hashlib.sha256(data).hexdigest()}
        local.s.put(f"{api}/files/upload/chunked/{sid}/chunks/{number}", data=data, headers=headers).raise_for_status()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(put, range((size + CHUNK - 1) // CHUNK)))
    done = requests.post(f"{api}/files/upload/chunked/{sid}/complete", headers=auth)
    done.raise_for_status()
    print(time.monotonic() - start, time.process_time() - cpu, done.json()["id"])
    """#
}
