// The preview pane beside the form shows the entry with the site's own stylesheet.
// (A file of its own: the page's Content-Security-Policy allows no inline script.)
CMS.registerPreviewStyle(new URL("../assets/style.css", document.baseURI).href);
