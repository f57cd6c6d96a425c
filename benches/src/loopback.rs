//! A tiny HTTP/1.1 server on 127.0.0.1 for the end-to-end benchmarks: it
//! reads each request (headers and `Content-Length` body) and answers every
//! one with the same status and JSON body, keeping the connection open.
//!
//! It only listens on the loopback interface, serves what the benchmark
//! sends, and stops when the runtime it was spawned on shuts down.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Starts a server answering `200` with `body` (JSON) on every request.
/// Returns its base URL (`http://127.0.0.1:PORT`). Call inside a tokio
/// runtime; the server runs on that runtime.
pub async fn serve(body: Vec<u8>) -> std::io::Result<String> {
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let addr = listener.local_addr()?;
    let mut response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    let response: &'static [u8] = Box::leak(response.into_boxed_slice());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(connection(stream, response));
        }
    });
    Ok(format!("http://{addr}"))
}

async fn connection(mut stream: TcpStream, response: &'static [u8]) {
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::with_capacity(16 * 1024);
    let mut chunk = [0u8; 16 * 1024];
    loop {
        // One request: headers up to the blank line, then the body.
        let (head_end, body_len) = loop {
            if let Some(end) = find(&buf, b"\r\n\r\n") {
                break (end + 4, content_length(&buf[..end]));
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        while buf.len() < head_end + body_len {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        buf.drain(..head_end + body_len);
        if stream.write_all(response).await.is_err() {
            return;
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn content_length(head: &[u8]) -> usize {
    String::from_utf8_lossy(head)
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_every_request_on_one_connection() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async {
            let url = serve(br#"{"ok":true}"#.to_vec()).await.expect("binds");
            let client = reqwest::Client::new();
            for _ in 0..3 {
                let body = client
                    .post(format!("{url}/x"))
                    .body("hello")
                    .send()
                    .await
                    .expect("sends")
                    .bytes()
                    .await
                    .expect("reads");
                assert_eq!(&body[..], br#"{"ok":true}"#);
            }
        });
    }
}
