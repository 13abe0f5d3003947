package io.labbench.locallab.inet;

import java.nio.file.Path;

/**
 * The internet stand-in's web server: Debian's nginx in the {@code inet} namespace on :80 and :443 for
 * every address, one virtual server per name the study uses. Each answer says it comes from the
 * stand-in, except where the study reads the answer as data (ipinfo.io/ip, the policy files).
 */
final class StandInNginx {

    private StandInNginx() {
    }

    static String config(Path dir, LabCa ca, boolean rootless) {
        String files = dir.resolve("files").toString();
        return """
                # written by LabBench's local lab: the internet stand-in (nothing here leaves the machine)
                daemon off;
                %5$s
                pid %1$s/nginx.pid;
                error_log stderr warn;
                events {
                    worker_connections 1024;
                }
                http {
                    default_type text/plain;
                    charset utf-8;
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    ssl_certificate %2$s;
                    ssl_certificate_key %3$s;
                    server {
                        listen 80 default_server;
                        listen 443 ssl default_server;
                        server_name _;
                        location / {
                            return 200 "LabBench internet stand-in: $host answered at $server_addr; the local lab's traffic never leaves this machine\\n";
                        }
                    }
                    server {
                        listen 80;
                        listen 443 ssl;
                        server_name www.google.com google.com;
                        location / {
                            default_type text/html;
                            return 200 "<!doctype html><html><head><title>Google</title></head><body><p>LabBench's stand-in for www.google.com: the local lab has no real internet.</p></body></html>\\n";
                        }
                    }
                    server {
                        listen 80;
                        listen 443 ssl;
                        server_name ipinfo.io;
                        location = /ip {
                            return 200 "$remote_addr";
                        }
                        location / {
                            default_type application/json;
                            return 200 "{\\n  \\"ip\\": \\"$remote_addr\\",\\n  \\"readme\\": \\"LabBench's stand-in for ipinfo.io (local lab)\\"\\n}\\n";
                        }
                    }
                    server {
                        listen 80;
                        listen 443 ssl;
                        server_name wttr.in;
                        location ~ ^/(?<place>[^?]*)$ {
                            if ($arg_format) {
                                return 200 "$place: ☁️  +3°C (LabBench stand-in, not a real forecast)\\n";
                            }
                            return 200 "Weather report: $place\\n\\n  This is LabBench's stand-in for wttr.in: the local lab has no real internet,\\n  so there is no real weather here. On the study's cluster this prints a forecast in text art.\\n";
                        }
                    }
                    server {
                        listen 80;
                        listen 443 ssl;
                        server_name raw.githubusercontent.com;
                        location ~ ^/kubernetes-sigs/aws-load-balancer-controller/[^/]+/docs/install/iam_policy\\.json$ {
                            root %4$s;
                            try_files /iam_policy.json =404;
                        }
                        location / {
                            return 404 "404: Not Found (LabBench's stand-in serves only the files the study downloads)\\n";
                        }
                    }
                    server {
                        listen 80;
                        listen 443 ssl;
                        server_name s3.ap-northeast-2.amazonaws.com;
                        location = /cloudformation.cloudneta.net/AKOS/externaldns/externaldns-aws-r53-policy.json {
                            root %4$s;
                            try_files /externaldns-aws-r53-policy.json =404;
                        }
                        location / {
                            return 404 "NoSuchKey (LabBench's stand-in serves only the files the study downloads)\\n";
                        }
                    }
                }
                """.formatted(dir, ca.certificate(), ca.key(), files,
                // one process in a rootless lab: a worker cannot switch users in a user namespace
                (rootless ? "master_process off;" : "worker_processes 1;") + "\n                user root root;");
    }
}
