# Debian packages with CPack (`cpack -G DEB` in the build folder, or scripts/build-packages.sh):
#   biopolisd               the server, its default config (a conffile in /etc/biopolis), the systemd unit,
#                           a `biopolis` system user and /var/lib/biopolis (postinst)
#   biopolisctl             the command line
#   libbiopolis-client-dev  the C++ SDK: headers, static libraries, CMake package
# Dependencies on Debian's runtime libraries come from dpkg-shlibdeps, so `apt install ./biopolisd_*.deb`
# pulls in what the binary links.
install(FILES ${CMAKE_CURRENT_LIST_DIR}/biopolisd.conf DESTINATION /etc/biopolis COMPONENT server)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/biopolisd.service DESTINATION /lib/systemd/system COMPONENT server)
install(FILES ${PROJECT_SOURCE_DIR}/docs/OPERATIONS.md ${PROJECT_SOURCE_DIR}/docs/CONFIG.md
              ${PROJECT_SOURCE_DIR}/docs/prometheus/biopolis-alerts.yml
        DESTINATION share/doc/biopolisd COMPONENT server)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME biopolis)
set(CPACK_PACKAGE_VENDOR "Biopolis SEZ")
set(CPACK_PACKAGE_CONTACT "Biopolis registry team <registry@biopolis.example>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server cli client)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Stripped binaries (the build folder keeps the debug information).
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME biopolisd)
set(CPACK_DEBIAN_SERVER_DESCRIPTION "Biopolis SEZ registry server\n biopolisd holds the legal record of the Biopolis special economic zone: organizations, applications,\n the registry of residents, land, support, the one-stop shop, reports and documents, over gRPC.")
# adduser for the system user, libmagic-mgc for the type database libmagic reads at run time.
# fonts-dejavu-core: the printable registry extracts are set in DejaVu Sans (found through fontconfig at run time).
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libmagic-mgc, fonts-dejavu-core")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_LIST_DIR}/debian/conffiles;${CMAKE_CURRENT_LIST_DIR}/debian/postinst;${CMAKE_CURRENT_LIST_DIR}/debian/prerm;${CMAKE_CURRENT_LIST_DIR}/debian/postrm")
set(CPACK_DEBIAN_CLI_PACKAGE_NAME biopolisctl)
set(CPACK_DEBIAN_CLI_DESCRIPTION "Command line for the Biopolis SEZ registry\n biopolisctl administers and scripts biopolisd through its API.")
set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME libbiopolis-client-dev)
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_CLIENT_DESCRIPTION "C++ SDK for the Biopolis SEZ registry\n Headers, static libraries and a CMake package (find_package(biopolis_client)).")
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "libgrpc++-dev, libprotobuf-dev, libsodium-dev, libssl-dev")
include(CPack)
