/**
 * The EJS templates handed to epub-gen-memory in place of its own, which hard-code
 * `xml:lang="en"`, stamp the current time, print an empty `dc:description`, repeat each
 * chapter's title above its heading and list no accessibility metadata. Values the
 * library does not know arrive in the `bp` option (package metadata and navigation, see
 * index.ts); `<%= %>` escapes for XML, `<%- %>` inserts XHTML the writer serialised.
 */

/** One content document (the library's `chapterXHTML`). */
export const CHAPTER_TEMPLATE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="<%= lang %>" lang="<%= lang %>" dir="<%= dir %>">
<head>
<meta charset="UTF-8"/>
<title><%= title %></title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body epub:type="<%= bodyType %>">
<%- content %>
</body>
</html>
`;

/** The navigation document (the library's `tocXHTML`). */
export const NAV_TEMPLATE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="<%= lang %>" lang="<%= lang %>" dir="<%= bp.dir %>">
<head>
<meta charset="UTF-8"/>
<title><%= tocTitle %></title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body epub:type="frontmatter">
<%- bp.tocXhtml %>
<nav epub:type="landmarks" id="landmarks" hidden="hidden">
<ol>
<% bp.landmarks.forEach(function (l) { -%>
<li><a epub:type="<%= l.type %>" href="<%= l.href %>"><%= l.label %></a></li>
<% }) -%>
</ol>
</nav>
</body>
</html>
`;

/** The EPUB 2 table of contents, for older reading systems (the library's `tocNCX`). */
export const NCX_TEMPLATE = `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="<%= lang %>">
<head>
<meta name="dtb:uid" content="<%= id %>"/>
<meta name="dtb:depth" content="<%= bp.ncxDepth %>"/>
<meta name="dtb:totalPageCount" content="0"/>
<meta name="dtb:maxPageNumber" content="0"/>
</head>
<docTitle><text><%= title %></text></docTitle>
<navMap>
<%- bp.ncxNavPoints %></navMap>
</ncx>
`;

/** The package document (the library's `contentOPF`). */
export const OPF_TEMPLATE = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="<%= lang %>" dir="<%= bp.dir %>" prefix="ibooks: http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="pub-id"><%= id %></dc:identifier>
<dc:title id="title"><%= title %></dc:title>
<% if (bp.subtitle) { -%>
<meta refines="#title" property="title-type">main</meta>
<dc:title id="subtitle"><%= bp.subtitle %></dc:title>
<meta refines="#subtitle" property="title-type">subtitle</meta>
<% } -%>
<dc:language><%= lang %></dc:language>
<% bp.creators.forEach(function (name, i) { -%>
<dc:creator id="creator-<%= i + 1 %>"><%= name %></dc:creator>
<% }) -%>
<% if (bp.publisher) { -%>
<dc:publisher><%= bp.publisher %></dc:publisher>
<% } -%>
<dc:description><%= description %></dc:description>
<dc:date><%= bp.date %></dc:date>
<% bp.subjects.forEach(function (subject) { -%>
<dc:subject><%= subject %></dc:subject>
<% }) -%>
<meta property="dcterms:modified"><%= bp.modified %></meta>
<% bp.accessibility.forEach(function (m) { -%>
<meta property="<%= m[0] %>"><%= m[1] %></meta>
<% }) -%>
<meta property="ibooks:specified-fonts">true</meta>
<% if (cover) { -%>
<meta name="cover" content="cover-image"/>
<% } -%>
</metadata>
<manifest>
<item id="nav" href="toc.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
<item id="css" href="style.css" media-type="text/css"/>
<% if (cover) { -%>
<item id="cover-image" href="cover.<%= cover.extension %>" media-type="<%= cover.mediaType %>" properties="cover-image"/>
<% } -%>
<% content.forEach(function (c) { -%>
<item id="<%= c.manifestId %>" href="<%= c.filename %>" media-type="application/xhtml+xml"/>
<% }) -%>
<% images.forEach(function (image, i) { -%>
<item id="image-<%= i + 1 %>" href="images/<%= image.id %>.<%= image.extension %>" media-type="<%= image.mediaType %>"/>
<% }) -%>
<% fonts.forEach(function (font, i) { -%>
<item id="font-<%= i + 1 %>" href="fonts/<%= font.filename %>" media-type="<%= font.mediaType %>"/>
<% }) -%>
</manifest>
<spine toc="ncx" page-progression-direction="<%= bp.dir %>">
<% content.filter(function (c) { return c.beforeToc; }).forEach(function (c) { -%>
<itemref idref="<%= c.manifestId %>"/>
<% }) -%>
<itemref idref="nav"/>
<% content.filter(function (c) { return !c.beforeToc; }).forEach(function (c) { -%>
<itemref idref="<%= c.manifestId %>"/>
<% }) -%>
</spine>
</package>
`;
