// Puppeteer (under @daisy/ace-cli, the EPUB accessibility checker run by the tests) must
// not download a browser when npm installs it: the tests point it at Debian's chromium.
module.exports = { skipDownload: true };
