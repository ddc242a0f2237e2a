import { once } from "node:events";
import { connect, createServer, type Server } from "node:net";

/**
 * Listens on 127.0.0.1:`port` and pipes each connection to `target`, bytes as they are (streams and
 * gzip included). The emulator's tenant registers the app's sign-in redirect on ports 3000 and 3100
 * only, while app instances start on free ports.
 */
export async function forwardPort(port: number, target: URL): Promise<Server> {
  const server = createServer((socket) => {
    const upstream = connect(Number(target.port), target.hostname);
    socket.pipe(upstream).pipe(socket);
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on("error", close);
    upstream.on("error", close);
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return server;
}
