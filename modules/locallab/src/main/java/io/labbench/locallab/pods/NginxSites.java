package io.labbench.locallab.pods;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * nginx configurations for the images the lab serves with Debian's nginx: the {@code nginx} image's
 * welcome page on :80 (access log on stdout, error log on stderr, as the image sets it up), and
 * echoserver on :8080, whose reply repeats the request in echoserver's layout ({@code Hostname:}, server
 * values, {@code client_address=} as the pod's kernel saw it, method, path, headers). nginx runs as one
 * process ({@code master_process off}), not as a master and a worker as the image does: the worker was a
 * third of a serving pod's memory (4 of 12.3 MiB RSS), and one process serves a lab's requests as well.
 */
final class NginxSites {

    /** What the nginx image's entrypoint prints before nginx starts (its docker-entrypoint.sh). */
    private static final List<String> ENTRYPOINT_LINES = List.of(
            "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
            "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
            "/docker-entrypoint.sh: Configuration complete; ready for start up");

    private NginxSites() {
    }

    /**
     * The process model: one process, rootless or not (in a rootless lab a worker could not switch users
     * anyway: the user namespace forbids setgroups); "user root": nginx otherwise gives its temp folders
     * to nobody, whom a user namespace lacks.
     */
    static final String PROCESSES = "master_process off;\nuser root root;";

    /** Where the nginx image's {@code nginx.conf} takes its sites from. */
    static final String CONF_D = "/etc/nginx/conf.d";

    /**
     * The nginx image: its {@code nginx.conf} includes {@code /etc/nginx/conf.d/*.conf}, and the image's
     * {@code conf.d} holds {@code default.conf}, the welcome page on :80. The runtime binds that folder at
     * {@code /etc/nginx/conf.d} in the pod, so a volume mounted there (the PROXY v2 manifest's ConfigMap)
     * replaces the default site, as on Docker. Where the host has no {@code /etc/nginx/conf.d} to bind
     * over, nginx reads the image's folder where it lies.
     */
    static ContainerProgram welcome(Path dir) throws IOException {
        Path confD = Files.createDirectories(dir.resolve("conf.d"));
        // the image's default.conf without its [::]:80 listener (a pod here has no IPv6 address)
        Files.writeString(confD.resolve("default.conf"), """
                server {
                    listen       80;
                    server_name  localhost;

                    #access_log  /var/log/nginx/host.access.log  main;

                    location / {
                        root   /usr/share/nginx/html;
                        index  index.html index.htm;
                    }

                    #error_page  404              /404.html;

                    # redirect server error pages to the static page /50x.html
                    #
                    error_page   500 502 503 504  /50x.html;
                    location = /50x.html {
                        root   /usr/share/nginx/html;
                    }
                }
                """);
        boolean bindable = Files.isDirectory(Path.of(CONF_D));
        write(dir, "    include " + (bindable ? CONF_D : confD.toString()) + "/*.conf;\n");
        ContainerProgram program = ContainerProgram.printingFirst(ENTRYPOINT_LINES, nginx(dir));
        return bindable ? program.withImageFolder(CONF_D, confD) : program;
    }

    static ContainerProgram echoserver(Path dir) throws IOException {
        String maps = """
                    map $server_protocol $echo_version {
                        "HTTP/1.0" "1.0";
                        "HTTP/1.1" "1.1";
                        "HTTP/2.0" "2";
                        default $server_protocol;
                    }
                """ + headerMap("accept") + headerMap("accept-encoding") + headerMap("connection")
                + headerMap("content-length") + headerMap("content-type") + headerMap("host") + headerMap("user-agent")
                + headerMap("x-forwarded-for") + headerMap("x-forwarded-proto") + headerMap("x-real-ip");
        String reply = "\\nHostname: $hostname\\n\\nPod Information:\\n\\t-no pod information available-\\n\\n"
                + "Server values:\\n\\tserver_version=nginx: $nginx_version - lua: 10001\\n\\n"
                + "Request Information:\\n\\tclient_address=$remote_addr\\n\\tmethod=$request_method\\n\\treal path=$uri\\n"
                + "\\tquery=$args\\n\\trequest_version=$echo_version\\n\\trequest_scheme=$scheme\\n"
                + "\\trequest_uri=$scheme://$host:$server_port$request_uri\\n\\nRequest Headers:\\n"
                + "$echo_accept$echo_accept_encoding$echo_connection$echo_content_length$echo_content_type$echo_host"
                + "$echo_user_agent$echo_x_forwarded_for$echo_x_forwarded_proto$echo_x_real_ip"
                + "\\nRequest Body:\\n\\t-no body in request-\\n";
        String server = maps + """
                    server {
                        listen 8080;
                        location / {
                            default_type text/plain;
                            return 200 "%s";
                        }
                    }
                """.formatted(reply);
        write(dir, server);
        return ContainerProgram.printingFirst(List.of("Starting nginx"), nginx(dir));
    }

    /** nginx itself, straight from the runtime's {@code nsenter} (no shell in between: one process start less per pod). */
    private static List<String> nginx(Path dir) {
        return List.of("nginx", "-e", "stderr", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString());
    }

    /** {@code $echo_user_agent} is {@code "\tuser-agent=<value>\n"} when the request has the header, else empty. */
    private static String headerMap(String header) {
        String var = header.replace('-', '_');
        return "    map $http_" + var + " $echo_" + var + " {\n        \"\" \"\";\n        default \"\\t" + header + "=$http_" + var
                + "\\n\";\n    }\n";
    }

    private static void write(Path dir, String servers) throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        String conf = """
                # written by LabBench's local lab: Debian's nginx standing in for the container image
                daemon off;
                %3$s
                pid %1$s/nginx.pid;
                error_log stderr notice;
                events {
                    worker_connections 512;
                }
                http {
                    include /etc/nginx/mime.types;
                    default_type application/octet-stream;
                    log_format main '$remote_addr - $remote_user [$time_local] "$request" '
                                    '$status $body_bytes_sent "$http_referer" '
                                    '"$http_user_agent" "$http_x_forwarded_for"';
                    access_log /dev/stdout main;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    sendfile on;
                    keepalive_timeout 65;
                %2$s}
                """.formatted(dir, servers, PROCESSES);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
    }
}
