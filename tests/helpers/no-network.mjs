// Preloaded with `node --import` by tests that prove a build never reaches the network:
// every way Node can open a connection or resolve a name ends the process with 97.
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const trap = (name) => () => {
  process.stderr.write(`network call during a build: ${name}\n`);
  process.exit(97);
};
for (const [mod, name] of [[http, 'http'], [https, 'https']]) {
  mod.request = trap(`${name}.request`);
  mod.get = trap(`${name}.get`);
}
http2.connect = trap('http2.connect');
net.connect = trap('net.connect');
net.createConnection = trap('net.createConnection');
net.Socket.prototype.connect = trap('net.Socket.connect');
tls.connect = trap('tls.connect');
dns.lookup = trap('dns.lookup');
dns.promises.lookup = trap('dns.promises.lookup');
globalThis.fetch = trap('fetch');
